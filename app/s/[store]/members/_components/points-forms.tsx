"use client";

import { useLocale, useTranslations } from "next-intl";
import { ActionForm, SuccessStatus } from "@/components/action-form";
import { useLastingNotice } from "@/components/announcer";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";
import { formatMoney } from "@/lib/money";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/** What a redemption answers (redeemPoints): the points taken, the coupon's value in minor units, the balance left. */
type Redeemed = { points: number; couponValue: number; balance: number };

/**
 * The redeem form, or, where the balance holds too few points for any coupon (`unavailable`, the
 * reason), that reason instead of a form that could only be refused. Its confirmation, naming the
 * coupon to give, stands outside the form: redeeming every point takes the form away.
 */
export function RedeemForm({
  action,
  customerId,
  redeemHelp,
  unavailable,
  currency,
}: {
  action: Action;
  customerId: number;
  redeemHelp: string;
  unavailable: string | null;
  currency: string;
}) {
  const t = useTranslations("pricing.points");
  const locale = useLocale();
  const [done, say] = useLastingNotice();
  const sayDone = (data: unknown) => {
    const { points, couponValue } = data as Redeemed;
    say(t("redeemedCoupon", { points, coupon: formatMoney(couponValue, currency, locale) }));
  };
  return (
    <>
      {unavailable === null ? (
        <ActionForm
          action={action}
          submitLabel={t("redeem")}
          onSuccess={sayDone}
          fieldLabels={{ points: t("pointsToRedeem") }}
          className="mt-3 flex flex-wrap items-end gap-3"
        >
          <input type="hidden" name="customerId" value={customerId} />
          <Field label={t("pointsToRedeem")}>
            <input name="points" type="number" min={1} required className={`${inputClass} w-28`} />
          </Field>
          <p className="basis-full text-xs text-stone-500">{redeemHelp}</p>
        </ActionForm>
      ) : (
        <p className="mt-3 text-sm text-stone-600" data-testid="redeem-unavailable">
          {unavailable}
        </p>
      )}
      {done && (
        <SuccessStatus className="mt-2 text-sm text-green-700" testId="redeemed">
          {done}
        </SuccessStatus>
      )}
    </>
  );
}

export function AdjustForm({ action, customerId }: { action: Action; customerId: number }) {
  const t = useTranslations("pricing.points");
  return (
    <ActionForm
      action={action}
      submitLabel={t("adjust")}
      successMessage={t("adjusted")}
      fieldLabels={{ points: t("adjustPoints"), reason: t("reason") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("adjustPoints")}>
        <input name="points" type="number" required className={`${inputClass} w-28`} />
      </Field>
      <Field label={t("reason")}>
        <input name="reason" required className={`${inputClass} w-64`} />
      </Field>
    </ActionForm>
  );
}
