import { cloneElement, isValidElement, useId } from "react";
import { FieldWithReason } from "@/components/field-reason";

/**
 * A visible label with its control. The control is named by the label's text alone
 * (aria-labelledby): named by the wrapping label only, a select took its chosen option into its
 * name ("最低等级 金牌及以上"), so a screen reader said the value twice and a lookup by the label
 * found nothing. In a form that refused it, the control's reason shows under it (FieldWithReason).
 */
export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  const labelId = useId();
  // A control that names itself (aria-label: "clear flag: fraud — reason" beside several such forms) keeps its name.
  const namesItself = (props: { "aria-labelledby"?: string; "aria-label"?: string }) => Boolean(props["aria-labelledby"] || props["aria-label"]);
  const control =
    isValidElement<{ "aria-labelledby"?: string; "aria-label"?: string }>(children) && typeof children.type === "string" && !namesItself(children.props)
      ? cloneElement(children, { "aria-labelledby": labelId })
      : children;
  const name = isValidElement<{ name?: unknown }>(children) && typeof children.props.name === "string" ? children.props.name : undefined;
  return (
    <FieldWithReason name={name}>
      <label className="flex max-w-full flex-col gap-1 text-sm">
        <span id={labelId} className="font-medium text-stone-700">
          {label}
        </span>
        {control}
      </label>
    </FieldWithReason>
  );
}

export const inputClass = "rounded-md border border-stone-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600";

/**
 * A file input whose "choose file" button looks like one: the base styles strip the browser's
 * border and background from it, which left "Choose File" reading as plain text beside the name.
 */
export const fileInputClass =
  "max-w-full text-sm file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-stone-700 hover:file:bg-stone-50";
