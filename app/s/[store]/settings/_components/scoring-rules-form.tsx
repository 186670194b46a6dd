"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { refusalIds, SuccessStatus, useRefusedFields } from "@/components/action-form";
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
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // Inputs are named by the rules' paths (weights.frequency…), as the refusals name them. A
  // refusal sits under its field, outside the label; useRefusedFields marks the field
  // (aria-invalid, described by that text) and takes the keyboard to the first refused one.
  const ids = refusalIds(useRefusedFields(formProps.ref, state).idPrefix);
  const errorId = (name: string) => ids.field(name);
  const numberField = (label: string, name: string, value: number, max: number, step = "any") => (
    <div key={name} className="flex flex-col gap-1">
      <Field label={label}>
        <input
          name={name}
          type="number"
          step={step}
          min={0}
          max={max}
          defaultValue={value}
          required
          className={`${inputClass} w-24`}
        />
      </Field>
      {errors[name] && (
        <span id={errorId(name)} className="max-w-48 text-xs text-red-700">
          {errors[name].join(" ")}
        </span>
      )}
    </div>
  );
  // Refusals about a whole group (no weight above 0) are shown under its legend; the group bears
  // the refused name, so useRefusedFields marks it, describes it by the reason and focuses it (the
  // keyboard stayed on the button, far below the reason on a phone).
  const groupError = (name: string) =>
    errors[name] && (
      <p id={errorId(name)} className="mb-1 basis-full text-xs text-red-700">
        {errors[name].join(" ")}
      </p>
    );
  return (
    <form
      {...formProps}
      className="mt-4 space-y-4"
      aria-label={t("rules.title")}
    >
      <input type="hidden" name="version" value={version} />
      <fieldset name="weights" tabIndex={-1} className="flex flex-wrap gap-3">
        <legend className="mb-1 text-sm font-semibold">{t("rules.weights")}</legend>
        {groupError("weights")}
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
      {!pending && state && !state.ok && (
        <p key={resultKey} id={ids.message} role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      {!pending && state?.ok && <SuccessStatus className="text-sm text-green-700">{saved(state.data)}</SuccessStatus>}
    </form>
  );
}
