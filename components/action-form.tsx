"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, type RefObject } from "react";
import type { ActionResult } from "@/lib/actions/store-action";
import type { TextLink } from "@/lib/errors";
import { FieldReasonScope, useShownFields, type FieldReasonScopeValue } from "./field-reason";
import { useActionForm } from "./use-action-form";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;
type Refusal = { message: string; fieldErrors?: Record<string, string[]>; links?: TextLink[] };

/**
 * A form bound to a store action: shows pending state, each refused field's reason under it (a
 * Field's, see useFormRefusal), the refusal's message and any reason no field shows (named by
 * its label, `fieldLabels`, in the form's order), or a success line. `confirm` asks before
 * submitting. A refusal keeps what was typed; a success clears the fields (see useActionForm).
 * `buttonAriaLabel` tells one row's button from the next ("Remove a@example.com") where they all
 * read the same.
 */
export function ActionForm({
  action,
  submitLabel,
  buttonAriaLabel,
  successMessage,
  confirm,
  onSuccess,
  fieldLabels = {},
  className,
  buttonClassName,
  children,
}: {
  action: Action;
  submitLabel: string;
  buttonAriaLabel?: string;
  /** What a success says; a function words it from what the action answered (a renewal's new end). */
  successMessage?: string | ((data: unknown) => string);
  confirm?: string;
  /** Hears of each success with what the action answered (a confirmation that outlives the form). */
  onSuccess?: (data: unknown) => void;
  fieldLabels?: Record<string, string>;
  className?: string;
  buttonClassName?: string;
  children?: React.ReactNode;
}) {
  const { state, pending, resultKey, formProps } = useActionForm(action, { confirm, onSuccess, successMessage });
  const refusal = useFormRefusal(formProps.ref, state, fieldLabels);
  // A row of fields aligned at their bottoms (items-end): a reason under one field lifted its input
  // above the others and the button. While one shows, the row lines up by the labels' tops, and
  // the button by the inputs (below a label's line).
  const row = className?.includes("items-end") ?? false;
  return (
    <form {...formProps} className={row ? `${className} group/row has-[[data-field-reason]]:items-start` : className}>
      <FieldReasonScope value={refusal.scope}>{children}</FieldReasonScope>
      <button
        type="submit"
        aria-disabled={pending}
        aria-label={buttonAriaLabel}
        className={`${
          buttonClassName ??
          "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
        }${row ? " group-has-[[data-field-reason]]/row:mt-6" : ""}`}
      >
        {submitLabel}
      </button>
      {state && !state.ok && <RefusalAlert key={resultKey} refusal={state} {...refusal.alert} className="basis-full text-sm text-red-700" />}
      {state?.ok && successMessage && (
        <SuccessStatus className="basis-full text-sm text-green-700">
          {typeof successMessage === "function" ? successMessage(state.data) : successMessage}
        </SuccessStatus>
      )}
    </form>
  );
}

/**
 * A success's line under its form: a status, but not a live one, since useActionForm has the
 * app's announcer say it (once, and also when the page's refresh takes the form away). Pass the
 * same text as the hook's `successMessage`.
 */
export function SuccessStatus({ className, testId, children }: { className?: string; testId?: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-live="off" className={className} data-testid={testId}>
      {children}
    </div>
  );
}

/** The ids of a refusal's texts in a form (useRefusedFields' `idPrefix`): a field's reason, the message. */
export const refusalIds = (idPrefix: string) => ({
  message: `${idPrefix}-message`,
  field: (name: string) => `${idPrefix}-field-${name}`,
});

/**
 * What a refusal shows: its message (a line per reason), then each refused field's reason named
 * by the field's label, unless the message already says it; in `fieldOrder` (the form's, top to
 * bottom) when given, the fields it does not name after, else in the order the refusal lists
 * them. `describedBy` is, per refused field, the id of the text that says why: a screen reader
 * reads it with the field.
 */
export function refusalView(
  refusal: Refusal,
  labels: Record<string, string>,
  idPrefix: string,
  inline: ReadonlySet<string> = new Set(),
  fieldOrder: readonly string[] = [],
) {
  const lines = refusal.message.split("\n");
  const ids = refusalIds(idPrefix);
  const messageId = ids.message;
  const items: { field: string; id: string; label?: string; text: string }[] = [];
  // The reasons a form shows beside their fields itself (`inline`), by field, with the id to give them.
  const beside: Record<string, { id: string; text: string }> = {};
  const describedBy: Record<string, string> = {};
  // The server lists them as its checks found them (the form's shape, then the store's rows, then the facts a type needs).
  const place = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
  const refused = Object.entries(refusal.fieldErrors ?? {}).sort(([a], [b]) => place(a) - place(b));
  for (const [field, messages] of refused) {
    if (messages.every((m) => lines.includes(m))) {
      describedBy[field] = messageId;
      continue;
    }
    const id = ids.field(field);
    describedBy[field] = id;
    if (inline.has(field)) beside[field] = { id, text: messages.join(" ") };
    // A field without a label is not named by its code name (`body`): the reason stands alone.
    else items.push({ field, id, label: labels[field], text: messages.join(" ") });
  }
  return { lines, messageId, items, beside, describedBy };
}

/**
 * A form's refusal said field by field: `scope` goes to a FieldReasonScope around the form's
 * fields, whose Fields (and FieldReasons) then show each its reason under it, with the id its
 * control is described by; `alert` goes to the form's RefusalAlert, which says only what no field
 * shows. On a phone a list under the button was a screen away from the marked field the keyboard
 * was taken to. The refused fields are marked and the first focused (useRefusedFields). `labels`,
 * in the form's order, name the refused fields the alert lists (one with no field of its own).
 */
export function useFormRefusal(formRef: RefObject<HTMLFormElement | null>, state: ActionResult<unknown> | null, labels: Record<string, string> = {}) {
  const { idPrefix } = useRefusedFields(formRef, state);
  const [inline, register] = useShownFields();
  const refusal = state && !state.ok ? state : null;
  const fieldOrder = Object.keys(labels);
  // Every refused field's reason is offered beside it; the alert leaves out those whose field has
  // said it shows them (registered as they mounted, long before any refusal came).
  const everyRefused = new Set(Object.keys(refusal?.fieldErrors ?? {}));
  const view = refusal ? refusalView(refusal, labels, idPrefix, everyRefused, fieldOrder) : null;
  const beside = Object.fromEntries(Object.entries(view?.beside ?? {}).map(([field, said]) => [field, { id: said.id, text: withLinks(said.text, refusal?.links ?? []) }]));
  const scope: FieldReasonScopeValue = { beside, register };
  return { idPrefix, scope, alert: { labels, idPrefix, inline, fieldOrder } };
}

/** The refusal under a form, in an alert; its parts carry the ids the refused fields point at. */
export function RefusalAlert({
  refusal,
  labels,
  idPrefix,
  className,
  testId,
  inline,
  fieldOrder,
}: {
  refusal: Refusal;
  labels: Record<string, string>;
  idPrefix: string;
  className?: string;
  testId?: string;
  /** Fields whose reasons the form shows beside them (refusalView's `beside`): not listed here again. */
  inline?: ReadonlySet<string>;
  /** The form's fields top to bottom: the refused ones are listed in this order. */
  fieldOrder?: readonly string[];
}) {
  // From the shell namespace, which every page gives its client components.
  const t = useTranslations("shell");
  const view = refusalView(refusal, labels, idPrefix, inline, fieldOrder);
  const linked = (text: string) => withLinks(text, refusal.links ?? []);
  return (
    <div role="alert" className={className} data-testid={testId}>
      <div id={view.messageId}>
        {view.lines.map((line) => (
          <p key={line}>{linked(line)}</p>
        ))}
      </div>
      {view.items.length > 0 && (
        <ul className="list-disc pl-5">
          {view.items.map((item) => (
            <li key={item.field} id={item.id}>
              {linked(item.label ? t("labelled", { label: item.label, text: item.text }) : item.text)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `text` with what a refusal names (another flash sale: "sale #4") as a link to it, where it says it. */
function withLinks(text: string, links: readonly TextLink[]): React.ReactNode {
  const link = links.find((l) => l.text !== "" && text.includes(l.text));
  if (!link) return text;
  const at = text.indexOf(link.text);
  return (
    <>
      {withLinks(text.slice(0, at), links)}
      <a href={link.href} className="underline">
        {link.text}
      </a>
      {withLinks(text.slice(at + link.text.length), links)}
    </>
  );
}

/**
 * Marks the refused fields of a form (named as the inputs are) for the reader: aria-invalid, and
 * aria-describedby the text that says why, kept beside any hint the field is described by; then
 * takes the keyboard to the first of them. Clears the marks of the previous refusal first.
 */
export function useRefusedFields(formRef: RefObject<HTMLFormElement | null>, state: ActionResult<unknown> | null) {
  const idPrefix = useId();
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const describedBy = state && !state.ok ? refusalView(state, {}, idPrefix).describedBy : {};
    markRefusedFields(form, describedBy, idPrefix);
  }, [state, formRef, idPrefix]);
  return { idPrefix };
}

interface MarkableField {
  name?: string;
  type?: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  focus(): void;
}

/** See useRefusedFields: `describedBy` maps a field's name to the id of its reason. */
export function markRefusedFields(form: { elements: ArrayLike<unknown> }, describedBy: Record<string, string>, idPrefix: string) {
  const fields = Array.from(form.elements as ArrayLike<MarkableField>).filter((field) => typeof field.name === "string" && field.type !== "hidden");
  let first: MarkableField | undefined;
  for (const field of fields) {
    const ids = (field.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    const kept = ids.filter((id) => !id.startsWith(`${idPrefix}-`));
    field.removeAttribute("aria-invalid");
    const reason = describedBy[field.name!];
    if (reason) {
      field.setAttribute("aria-invalid", "true");
      kept.push(reason);
      first ??= field;
    }
    if (kept.length > 0) field.setAttribute("aria-describedby", kept.join(" "));
    else field.removeAttribute("aria-describedby");
  }
  first?.focus();
}
