import { getFormatter, getTranslations } from "@/lib/i18n/server";
import { storeTimeValues } from "@/lib/i18n/store-time-text";
import type { PriceReason } from "@/lib/pricing/effective-price";

const tierValueKeys = new Set(["tier", "fromTier", "toTier", "customerTier"]);

/**
 * The reasons of an effective price in the reader's language (tier keys become tier names), the
 * times they name written in the store's zone (`timeZone`) as the rest of the page writes them.
 */
export async function PriceReasons({ reasons, timeZone, testId }: { reasons: PriceReason[]; timeZone: string; testId?: string }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-stone-700" data-testid={testId}>
      {reasons.map((r, i) => {
        const values = Object.fromEntries(
          Object.entries(r.values).map(([k, v]) => [k, tierValueKeys.has(k) ? t(`tiers.${v}`) : v]),
        );
        return <li key={i}>{t(r.key, { ...values, ...storeTimeValues(t, format, timeZone, r.times) })}</li>;
      })}
    </ul>
  );
}
