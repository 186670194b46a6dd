import { getTranslations } from "@/lib/i18n/server";
import { findActionStoreContext } from "@/lib/auth/session";
import { streamedCsvResponse } from "@/lib/csv";
import { campaignPage } from "@/lib/recommendations/recommend";
import { campaignQuerySchema } from "@/lib/validation/reps";

// A campaign list as CSV (owners): each customer of the segment with their recommendations,
// one line per product, streamed a page of customers at a time.
export async function GET(request: Request, { params }: { params: Promise<{ store: string }> }) {
  const ctx = await findActionStoreContext((await params).store);
  if (!ctx) return new Response("Not found", { status: 404 });
  if (ctx.role !== "owner") return new Response("Forbidden", { status: 403 });
  const parsed = campaignQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("Invalid segment", { status: 400 });
  const segment = parsed.data.segment;
  const t = await getTranslations("care");
  const date = new Date().toISOString().slice(0, 10);
  return streamedCsvResponse<number>({
    filename: `campaign-${ctx.store.slug}-${segment}-${date}.csv`,
    label: "campaign export",
    header: ["customerExternalId", "customerName", "tier", "rank", "productExternalId", "productName", "reason", "score"].map((key) =>
      t(`csv.${key}`),
    ),
    async page(afterId) {
      const page = await campaignPage(ctx, segment, { afterId });
      return {
        rows: page.customers.flatMap((c) =>
          c.recommendations.map((r) => [
            c.externalId, c.name, c.tier, r.rank, r.productExternalId, r.productName,
            t("reason", { product: r.via.name, count: r.customers }), r.customers,
          ]),
        ),
        next: page.nextAfterId,
      };
    },
  });
}
