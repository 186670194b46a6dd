import { getTranslations } from "next-intl/server";
import { findActionStoreContext } from "@/lib/auth/session";
import { csvLine } from "@/lib/csv";
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
  const encoder = new TextEncoder();
  let afterId: number | undefined;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          const header = ["customerExternalId", "customerName", "tier", "rank", "productExternalId", "productName", "reason", "score"];
          // A byte-order mark, so spreadsheet programs read the Chinese names as UTF-8.
          controller.enqueue(encoder.encode("\uFEFF" + csvLine(header.map((key) => t(`csv.${key}`)))));
        }
        const page = await campaignPage(ctx, segment, { afterId });
        const lines = page.customers.flatMap((c) =>
          c.recommendations.map((r) =>
            csvLine([
              c.externalId, c.name, c.tier, r.rank, r.productExternalId, r.productName,
              t("reason", { product: r.via.name, count: r.customers }), r.customers,
            ]),
          ),
        );
        controller.enqueue(encoder.encode(lines.join("")));
        if (page.nextAfterId === null) controller.close();
        else afterId = page.nextAfterId;
      } catch (error) {
        console.error("[campaign export]", error);
        controller.error(error);
      }
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="campaign-${ctx.store.slug}-${segment}-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
