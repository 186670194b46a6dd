"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { RefusalAlert, SuccessStatus, useFormRefusal } from "@/components/action-form";
import { FieldReason, FieldReasonScope } from "@/components/field-reason";
import { useAnnounce } from "@/components/announcer";
import { Field, inputClass } from "@/components/ui/field";
import { useActionForm } from "@/components/use-action-form";
import type { ActionResult } from "@/lib/actions/store-action";
import { asPercent, cutoffKeys, factorKeys, ruleMaxima, type ScoringRules } from "@/lib/validation/scoring-rules";

type Saved = { version: number; changed: false } | { version: number; changed: true; customers: number; ms: number };
type Result = ActionResult<Saved>;

export function ScoringRulesForm({
  action,
  rules,
  version,
}: {
  action: (previous: unknown, formData: FormData) => Promise<Result>;
  rules: ScoringRules;
  /** The version shown: a save over a newer one (the API's, another owner's) is refused, not let undo it. */
  version: number;
}) {
  const t = useTranslations();
  const saved = (data: Saved) =>
    data.changed ? t("rules.saved", { version: data.version, customers: data.customers, ms: data.ms }) : t("rules.unchanged", { version: data.version });
  const { state, pending, resultKey, formProps } = useActionForm<Result>(action, { successMessage: saved });
  // Saving takes seconds in a large store: the announcer says it has begun.
  const announce = useAnnounce();
  useEffect(() => {
    if (pending) announce(t("rules.saving"));
  }, [pending, announce, t]);
  // Inputs are named by the rules' paths (weights.frequency…), as the refusals name them; each
  // refusal sits under its field (Field), and the keyboard is taken to the first refused one.
  const refusal = useFormRefusal(formProps.ref, state);
  const numberField = (label: string, name: string, value: number, max: number, step = "any") => (
    <Field key={name} label={label}>
      <input name={name} type="number" step={step} min={0} max={max} defaultValue={value} required className={`${inputClass} w-24`} />
    </Field>
  );
  return (
    <form
      {...formProps}
      className="mt-4 space-y-4"
      aria-label={t("rules.title")}
    >
      <FieldReasonScope value={refusal.scope}>
        <input type="hidden" name="version" value={version} />
        <fieldset name="weights" tabIndex={-1} className="flex flex-wrap gap-3">
          <legend className="mb-1 text-sm font-semibold">{t("rules.weights")}</legend>
          {/* A refusal of the whole group (no weight above 0) stands under its legend; the group bears
              the refused name, so it is marked, described by the reason and focused. */}
          <FieldReason name="weights" className="mb-1 basis-full text-xs text-red-700" />
          {factorKeys.map((key) => numberField(t(`factors.${key}`), `weights.${key}`, rules.weights[key], ruleMaxima.weight))}
        </fieldset>
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1 text-sm font-semibold">{t("rules.cutoffs")}</legend>
          {cutoffKeys.map((key) => numberField(t(`tiers.${key}`), `cutoffs.${key}`, rules.cutoffs[key], ruleMaxima.cutoff))}
        </fieldset>
        <div className="flex flex-wrap items-start gap-3">
          {numberField(t("rules.hysteresis"), "hysteresis", rules.hysteresis, ruleMaxima.hysteresis)}
          {numberField(t("rules.window"), "windowDays", rules.windowDays, ruleMaxima.windowDays, "1")}
          {numberField(t("rules.maxReturnRate"), "gates.maxReturnRate", asPercent(rules.gates.maxReturnRate), asPercent(ruleMaxima.maxReturnRate))}
          <label className="flex items-center gap-2 self-end py-2 text-sm">
            <input type="checkbox" name="gates.complianceFlags" defaultChecked={rules.gates.complianceFlags} />
            {t("rules.complianceFlags")}
          </label>
        </div>
        <p className="text-xs text-stone-500">
          {rules.hysteresis > 0
            ? t("rules.hysteresisHelp", { floor: Math.round((rules.cutoffs.gold - rules.hysteresis) * 100) / 100 })
            : t("rules.hysteresisNone")}
        </p>
      </FieldReasonScope>
      <button
        type="submit"
        aria-disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
      >
        {t("rules.save")}
      </button>
      {/* Every customer's score is written again: seconds for a store of 100,000 customers. */}
      {pending && (
        <p className="text-sm text-stone-600">
          {t("rules.saving")}
        </p>
      )}
      {!pending && state && !state.ok && <RefusalAlert key={resultKey} refusal={state} {...refusal.alert} className="text-sm text-red-700" />}
      {!pending && state?.ok && <SuccessStatus className="text-sm text-green-700">{saved(state.data)}</SuccessStatus>}
    </form>
  );
}
