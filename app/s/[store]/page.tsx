import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";
import { countStoreData } from "@/lib/stores/overview";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({ params }: { params: Promise<{ store: string }> }) {
  const ctx = await requireStore((await params).store);
  const [counts, t, format] = await Promise.all([countStoreData(ctx), getTranslations("dashboard"), getFormatter()]);
  const tiles = (["customers", "orders", "products", "returns", "reviews", "shares"] as const).map((key) => ({
    key,
    label: t(key),
    value: counts[key],
  }));
  const empty = tiles.every((tile) => tile.value === 0);
  return (
    <>
      <PageHeader title={t("title")} intro={ctx.role === "owner" ? t("ownerIntro") : t("staffIntro")} />
      <section aria-labelledby="store-data">
        <h2 id="store-data" className="mb-3 font-semibold">
          {t("dataTitle")}
        </h2>
        {empty ? (
          <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">{t("emptyData")}</p>
        ) : (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {tiles.map((tile) => (
              <div key={tile.key} className="rounded-lg border border-stone-200 bg-white p-4">
                <dt className="text-sm text-stone-500">{tile.label}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`count-${tile.key}`}>
                  {format.number(tile.value)}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}
