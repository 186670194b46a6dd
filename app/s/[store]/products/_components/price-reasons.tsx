import { getTranslations } from "@/lib/i18n/server";
import type { PriceReason } from "@/lib/pricing/effective-price";

const tierValueKeys = new Set(["tier", "fromTier", "toTier", "customerTier"]);

/** The reasons of an effective price in the reader's language (tier keys become tier names). */
export async function PriceReasons({ reasons, testId }: { reasons: PriceReason[]; testId?: string }) {
  const t = await getTranslations();
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-stone-700" data-testid={testId}>
      {reasons.map((r, i) => {
        const values = Object.fromEntries(
          Object.entries(r.values).map(([k, v]) => [k, tierValueKeys.has(k) ? t(`tiers.${v}`) : v]),
        );
        return <li key={i}>{t(r.key, values)}</li>;
      })}
    </ul>
  );
}
