"use client";

import { useTranslations } from "next-intl";
import { RefusalAlert, SuccessStatus, useFormRefusal } from "@/components/action-form";
import { FieldReasonScope } from "@/components/field-reason";
import { useActionForm } from "@/components/use-action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Result = ActionResult<{ token: string; name: string }>;

export function CreateTokenForm({ action }: { action: (previous: unknown, formData: FormData) => Promise<Result> }) {
  const t = useTranslations("settings.tokens");
  // Said without the token itself: read out a character at a time, it is no use to the ear.
  const { state, pending, resultKey, formProps } = useActionForm<Result>(action, { successMessage: ({ name }) => t("createdNamed", { name }) });
  // A name of spaces is refused by the server: the field is marked, says why under it and takes
  // the keyboard, like every form's refused field.
  const refusal = useFormRefusal(formProps.ref, state, { name: t("name") });
  return (
    <form {...formProps} className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("create")}>
      <FieldReasonScope value={refusal.scope}>
        <Field label={t("name")}>
          <input name="name" required autoComplete="off" className={inputClass} />
        </Field>
      </FieldReasonScope>
      <button
        type="submit"
        aria-disabled={pending}
        className="self-start mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
      >
        {t("create")}
      </button>
      {state && !state.ok && <RefusalAlert key={resultKey} refusal={state} {...refusal.alert} className="basis-full text-sm text-red-700" />}
      {state?.ok && (
        <SuccessStatus className="basis-full rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("newToken")}</p>
          <code data-testid="new-token" className="mt-1 block select-all break-all font-mono">
            {state.data.token}
          </code>
        </SuccessStatus>
      )}
    </form>
  );
}
