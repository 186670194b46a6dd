"use client";

import type { ActionResult } from "@/lib/actions/store-action";
import { useActionForm } from "./use-action-form";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/**
 * A form bound to a store action: shows pending state, the refusal message and field errors
 * (named by their labels), or a success line. `confirm` asks before submitting. A refusal keeps
 * what was typed; a success clears the fields (see useActionForm).
 */
export function ActionForm({
  action,
  submitLabel,
  successMessage,
  confirm,
  fieldLabels = {},
  className,
  buttonClassName,
  children,
}: {
  action: Action;
  submitLabel: string;
  successMessage?: string;
  confirm?: string;
  fieldLabels?: Record<string, string>;
  className?: string;
  buttonClassName?: string;
  children?: React.ReactNode;
}) {
  const { state, pending, formProps } = useActionForm(action, { confirm });
  return (
    <form {...formProps} className={className}>
      {children}
      <button
        type="submit"
        disabled={pending}
        className={
          buttonClassName ??
          "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        }
      >
        {submitLabel}
      </button>
      {state && !state.ok && (
        <div role="alert" className="basis-full text-sm text-red-700">
          <p>{state.message}</p>
          {state.fieldErrors && (
            <ul className="list-disc pl-5">
              {Object.entries(state.fieldErrors).map(([field, messages]) => (
                <li key={field}>
                  {fieldLabels[field] ?? field}: {messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state?.ok && successMessage && (
        <p role="status" className="basis-full text-sm text-green-700">
          {successMessage}
        </p>
      )}
    </form>
  );
}
