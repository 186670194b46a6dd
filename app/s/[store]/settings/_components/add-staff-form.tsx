"use client";

import { useTranslations } from "next-intl";
import { RefusalAlert, SuccessStatus, useFormRefusal } from "@/components/action-form";
import { FieldReasonScope } from "@/components/field-reason";
import { useActionForm } from "@/components/use-action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Result = ActionResult<{ email: string; existing: boolean }>;

export function AddStaffForm({ action }: { action: (previous: unknown, formData: FormData) => Promise<Result> }) {
  const t = useTranslations("settings.staff");
  const added = ({ email, existing }: { email: string; existing: boolean }) => (existing ? t("addedExisting", { email }) : t("added", { email }));
  const { state, pending, resultKey, formProps } = useActionForm<Result>(action, { successMessage: added });
  const labels: Record<string, string> = { email: t("email"), name: t("name"), password: t("initialPassword") };
  const refusal = useFormRefusal(formProps.ref, state, labels);
  return (
    <form {...formProps} className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("add")}>
      <FieldReasonScope value={refusal.scope}>
        <Field label={t("email")}>
          {/* Text with an email keyboard, not type="email": the browser refused the full-width
              ｃｌｅｒｋ＠ｅｘａｍｐｌｅ．ｃｏｍ a Chinese input method types ("include an '@'"), which the
              server reads as clerk@example.com; an address it cannot read it refuses in the page's words. */}
          <input name="email" type="text" inputMode="email" autoCapitalize="none" spellCheck={false} required autoComplete="off" className={inputClass} />
        </Field>
        <Field label={t("name")}>
          <input name="name" autoComplete="off" className={inputClass} />
        </Field>
        <Field label={t("initialPassword")}>
          <input name="password" type="password" required autoComplete="new-password" className={inputClass} />
        </Field>
      </FieldReasonScope>
      <button
        type="submit"
        aria-disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
      >
        {t("add")}
      </button>
      {state && !state.ok && <RefusalAlert key={resultKey} refusal={state} {...refusal.alert} className="basis-full text-sm text-red-700" />}
      {state?.ok && <SuccessStatus className="basis-full text-sm text-green-700">{added(state.data)}</SuccessStatus>}
    </form>
  );
}
