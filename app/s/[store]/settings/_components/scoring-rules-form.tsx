"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";
import { cutoffKeys, factorKeys, type ScoringRules } from "@/lib/validation/scoring-rules";

type Result = ActionResult<{ version: number }>;

export function ScoringRulesForm({
  action,
  rules,
}: {
  action: (previous: unknown, formData: FormData) => Promise<Result>;
  rules: ScoringRules;
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<Result | null, FormData>(action, null);
  const number = (name: string, value: number, step = "any") => (
    <input name={name} type="number" step={step} min={0} defaultValue={value} required className={`${inputClass} w-24`} />
  );
  return (
    <form action={formAction} className="mt-4 space-y-4" aria-label={t("rules.title")}>
      <fieldset className="flex flex-wrap gap-3">
        <legend className="mb-1 text-sm font-semibold">{t("rules.weights")}</legend>
        {factorKeys.map((key) => (
          <Field key={key} label={t(`factors.${key}`)}>
            {number(`weight.${key}`, rules.weights[key])}
          </Field>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-3">
        <legend className="mb-1 text-sm font-semibold">{t("rules.cutoffs")}</legend>
        {cutoffKeys.map((key) => (
          <Field key={key} label={t(`tiers.${key}`)}>
            {number(`cutoff.${key}`, rules.cutoffs[key])}
          </Field>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("rules.hysteresis")}>{number("hysteresis", rules.hysteresis)}</Field>
        <Field label={t("rules.window")}>{number("windowDays", rules.windowDays, "1")}</Field>
        <Field label={t("rules.maxReturnRate")}>{number("maxReturnRate", rules.gates.maxReturnRate, "0.01")}</Field>
        <label className="flex items-center gap-2 py-2 text-sm">
          <input type="checkbox" name="complianceFlags" defaultChecked={rules.gates.complianceFlags} />
          {t("rules.complianceFlags")}
        </label>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("rules.save")}
      </button>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="text-sm text-green-700">
          {t("rules.saved", { version: state.data.version })}
        </p>
      )}
    </form>
  );
}
