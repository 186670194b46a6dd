import { formatMoney } from "@/lib/money";
import type { RoutingReason } from "./routing";

/** A translator over the "disputes" namespace (next-intl's, or `createTranslator` in tests). */
export type DisputesTranslator = (key: string, values?: Record<string, string | number>) => string;

function partyList(t: DisputesTranslator, codes: string): string {
  const names = codes
    .split(",")
    .filter(Boolean)
    .map((code) => t(`party.${code}`));
  return names.join(t("listSeparator"));
}

/**
 * A routing reason in words, in the translator's language: "Amount at stake ¥80,000.00 ≥
 * ¥50,000.00 (the legal threshold): it goes to the platform, then to a lawyer."
 */
export function routingReasonText(reason: RoutingReason, t: DisputesTranslator, locale: string, currency: string): string {
  const v = reason.values;
  const money = (minor: string | number | undefined) => formatMoney(Number(minor ?? 0), currency, locale);
  switch (reason.code) {
    case "table":
      return t("reasons.table", {
        type: t(`type.${v.type}.label`),
        primary: t(`party.${v.primary}`),
        chain: partyList(t, String(v.chain ?? "")),
      });
    case "threshold":
      return t("reasons.threshold", { amount: money(v.amount), threshold: money(v.threshold), after: partyList(t, String(v.after ?? "")) });
    case "belowThreshold":
      return t("reasons.belowThreshold", { amount: money(v.amount), threshold: money(v.threshold) });
    case "repeatComplainant":
      return t("reasons.repeatComplainant", { count: Number(v.count), min: Number(v.min), after: partyList(t, String(v.after ?? "")) });
    case "notRepeatComplainant":
      return t("reasons.notRepeatComplainant", { count: Number(v.count), min: Number(v.min) });
  }
}
