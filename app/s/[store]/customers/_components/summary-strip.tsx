import { getFormatter, getTranslations } from "@/lib/i18n/server";
import type { latestScoreSummary } from "@/lib/customers/queries";

type Summary = NonNullable<Awaited<ReturnType<typeof latestScoreSummary>>>;

export async function SummaryStrip({ summary }: { summary: Summary }) {
  const [t, format] = await Promise.all([getTranslations("customers"), getFormatter()]);
  const tiles = [
    { key: "customers", label: t("summaryCustomers"), value: format.number(summary.customers) },
    { key: "repeat", label: t("summaryRepeat"), value: format.number(summary.repeatCustomers) },
    { key: "high-value", label: t("summaryHighValue"), value: format.number(summary.highValue) },
    {
      key: "share",
      label: t("summaryShare"),
      value: summary.highValueSpendShare === null ? "—" : format.number(summary.highValueSpendShare, { style: "percent", maximumFractionDigits: 1 }),
    },
  ];
  return (
    <dl className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((tile) => (
        <div key={tile.key} className="rounded-lg border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-500">{tile.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`summary-${tile.key}`}>
            {tile.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
