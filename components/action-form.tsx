"use client";

import { useEffect } from "react";
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
  onSuccess,
  fieldLabels = {},
  className,
  buttonClassName,
  children,
}: {
  action: Action;
  submitLabel: string;
  successMessage?: string;
  confirm?: string;
  onSuccess?: () => void;
  fieldLabels?: Record<string, string>;
  className?: string;
  buttonClassName?: string;
  children?: React.ReactNode;
}) {
  const { state, pending, formProps } = useActionForm(action, { confirm, onSuccess });
  // Marks the refused fields (named as the inputs are) and takes the keyboard to the first.
  const formRef = formProps.ref;
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    for (const marked of form.querySelectorAll("[aria-invalid]")) marked.removeAttribute("aria-invalid");
    if (state?.ok !== false || !state.fieldErrors) return;
    const refused = Object.keys(state.fieldErrors)
      .map((name) => form.elements.namedItem(name))
      .filter((field): field is HTMLInputElement => field instanceof HTMLElement && "focus" in field);
    for (const field of refused) field.setAttribute("aria-invalid", "true");
    refused[0]?.focus();
  }, [state, formRef]);
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
