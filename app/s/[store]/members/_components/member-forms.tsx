"use client";

import { useFormatter, useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;
const smallButton = "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60";

export function CreatePlanForm({ action, tierLabels }: { action: Action; tierLabels: Record<string, string> }) {
  const t = useTranslations("pricing.members");
  return (
    <ActionForm
      action={action}
      submitLabel={t("createPlan")}
      successMessage={t("planCreated")}
      fieldLabels={{ name: t("planName"), fee: t("fee"), lengthDays: t("lengthDays"), tier: t("tierGranted") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <Field label={t("planName")}>
        <input name="name" required className={`${inputClass} w-48`} />
      </Field>
      <Field label={t("fee")}>
        <input name="fee" required inputMode="decimal" className={`${inputClass} w-28`} />
      </Field>
      <Field label={t("lengthDays")}>
        <input name="lengthDays" type="number" min={1} max={3660} required defaultValue={365} className={`${inputClass} w-24`} />
      </Field>
      <Field label={t("tierGranted")}>
        <select name="tier" className={inputClass} defaultValue="gold">
          {Object.entries(tierLabels)
            .filter(([tier]) => tier !== "ordinary")
            .map(([tier, label]) => (
              <option key={tier} value={tier}>
                {label}
              </option>
            ))}
        </select>
      </Field>
    </ActionForm>
  );
}

/**
 * Archives a plan, or reopens it. A plan with active members asks first: they keep what they paid
 * for, but a renewal on an archived plan is refused (renewMembership), which archiving did not say.
 */
export function ArchivePlanForm({ action, planId, archived, planName, activeMembers }: { action: Action; planId: number; archived: boolean; planName: string; activeMembers: number }) {
  const t = useTranslations("pricing.members");
  return (
    // Every row's button reads the same: its name says which plan (a hidden text beside it did not).
    <ActionForm
      action={action}
      submitLabel={archived ? t("unarchive") : t("archive")}
      buttonAriaLabel={archived ? t("unarchiveNamed", { name: planName }) : t("archiveNamed", { name: planName })}
      confirm={!archived && activeMembers > 0 ? t("archiveConfirm", { name: planName, count: activeMembers }) : undefined}
      buttonClassName={smallButton}
      className="flex flex-wrap gap-2"
    >
      <input type="hidden" name="planId" value={planId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
    </ActionForm>
  );
}

export function EnrolForm({ action, plans, timeZone }: { action: Action; plans: { id: number; name: string }[]; timeZone: string }) {
  const t = useTranslations("pricing.members");
  const format = useFormatter();
  if (plans.length === 0) return <p className="mt-2 text-sm text-stone-500">{t("enrolNeedsPlan")}</p>;
  return (
    <ActionForm
      action={action}
      submitLabel={t("enrol")}
      // Who was enrolled, in what, until when: "Customer enrolled." named no one.
      successMessage={(data) => {
        const { customer, plan, endsAt } = data as { customer: string; plan: string; endsAt: string };
        return t("enrolled", { customer, plan, date: format.dateTime(new Date(endsAt), { dateStyle: "medium", timeZone }) });
      }}
      fieldLabels={{ planId: t("plan"), customer: t("customer"), feePaid: t("feePaid") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <Field label={t("plan")}>
        <select name="planId" className={inputClass}>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("customer")}>
        <input name="customer" required placeholder={t("customerPlaceholder")} className={`${inputClass} w-56`} />
      </Field>
      <Field label={t("feePaid")}>
        <input name="feePaid" inputMode="decimal" placeholder={t("feePaidPlaceholder")} className={`${inputClass} w-32`} />
      </Field>
    </ActionForm>
  );
}

/**
 * Renews a membership for another period of its plan after its end (or after the renewal already
 * queued), asking first: the fee is recorded. Says the new end date once done. `after`: that end,
 * as this page shows it; a renewal recorded meanwhile elsewhere makes the server refuse this one.
 */
export function RenewForm({ action, membershipId, after, who, timeZone }: { action: Action; membershipId: number; after: Date; who: string; timeZone: string }) {
  const t = useTranslations("pricing.members");
  const format = useFormatter();
  const feeLabel = t("renewFee", { who });
  return (
    <ActionForm
      action={action}
      submitLabel={t("renew")}
      buttonAriaLabel={t("renewNamed", { who })}
      confirm={t("renewConfirm", { who })}
      successMessage={(data) =>
        t("renewedTo", { date: format.dateTime(new Date((data as { endsAt: string }).endsAt), { dateStyle: "medium", timeZone }) })
      }
      fieldLabels={{ feePaid: feeLabel }}
      buttonClassName={smallButton}
      className="flex flex-wrap items-end gap-2"
    >
      <input type="hidden" name="membershipId" value={membershipId} />
      <input type="hidden" name="after" value={after.toISOString()} />
      {/* Its placeholder was its only visible label; the name it keeps says whose renewal it is. */}
      <Field label={t("renewFeeLabel")}>
        <input name="feePaid" inputMode="decimal" placeholder={t("feePaidPlaceholder")} aria-label={feeLabel} className={`${inputClass} w-28 py-1`} />
      </Field>
    </ActionForm>
  );
}

export function CancelForm({ action, membershipId, who }: { action: Action; membershipId: number; who: string }) {
  const t = useTranslations("pricing.members");
  return (
    <ActionForm
      action={action}
      submitLabel={t("cancel")}
      buttonAriaLabel={t("cancelNamed", { who })}
      confirm={t("cancelConfirm", { who })}
      successMessage={t("cancelled")}
      buttonClassName="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 aria-disabled:opacity-60"
      className="flex flex-wrap gap-2"
    >
      <input type="hidden" name="membershipId" value={membershipId} />
    </ActionForm>
  );
}

export function PointsRulesForm({
  action,
  values,
  seen,
  tierLabels,
  unit,
}: {
  action: Action;
  values: { enabled: boolean; earnRate: number; expiryMonths: number; redeemRate: number; tierMultipliers: Record<string, number> };
  /** When the rules shown were saved (ISO; "" none yet): a save by another owner since refuses this one. */
  seen: string;
  tierLabels: Record<string, string>;
  /** One major unit of the store's currency, formatted (¥1.00, £1.00): what the rates count in. */
  unit: string;
}) {
  const t = useTranslations("pricing.points");
  const fields = (
    <fieldset className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="seen" value={seen} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={values.enabled} />
        <span className="font-medium text-stone-700">{t("enabled")}</span>
      </label>
      <Field label={t("earnRate", { unit })}>
        <input name="earnRate" type="number" step="0.01" min={0} max={10000} required defaultValue={values.earnRate} className={`${inputClass} w-28`} />
      </Field>
      <Field label={t("expiryMonths")}>
        <input name="expiryMonths" type="number" min={0} max={120} required defaultValue={values.expiryMonths} className={`${inputClass} w-24`} />
      </Field>
      <Field label={t("redeemRate", { unit })}>
        <input name="redeemRate" type="number" min={1} max={1000000} required defaultValue={values.redeemRate} className={`${inputClass} w-28`} />
      </Field>
      {Object.entries(tierLabels).map(([tier, label]) => (
        <Field key={tier} label={t("multiplier", { tier: label })}>
          <input name={tier} type="number" step="0.1" min={0} max={100} required defaultValue={values.tierMultipliers[tier] ?? 1} className={`${inputClass} w-20`} />
        </Field>
      ))}
    </fieldset>
  );
  return (
    <ActionForm
      action={action}
      submitLabel={t("save")}
      successMessage={t("saved")}
      fieldLabels={{
        earnRate: t("earnRate", { unit }),
        expiryMonths: t("expiryMonths"),
        redeemRate: t("redeemRate", { unit }),
        ...Object.fromEntries(Object.entries(tierLabels).map(([tier, label]) => [tier, t("multiplier", { tier: label })])),
      }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      {fields}
      <p className="basis-full text-xs text-stone-500">{t("help")}</p>
    </ActionForm>
  );
}
