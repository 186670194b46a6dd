import { getTranslations } from "@/lib/i18n/server";
import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { streamedCsvResponse } from "@/lib/csv";
import { campaignPage } from "@/lib/recommendations/recommend";
import { campaignQuerySchema } from "@/lib/validation/reps";
import { storeDate } from "@/lib/store-time";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

// A campaign list as CSV (owners): each customer of the segment with their recommendations,
// one line per product, streamed a page of customers at a time. Its headers and tiers are in
// the reader's language: it is a list for people to work through, not for joining to data.
// The last column counts the customers who bought the product with the one it comes through
// (not the customer's score).
export async function GET(request: Request, { params }: { params: Promise<{ store: string }> }) {
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext((await params).store, "owner", textRefusal);
  if (ctx instanceof Response) return ctx;
  const parsed = campaignQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return textRefusal("bad_link");
  await rescoreIfMembershipsLapsed(ctx.store.id);
  const segment = parsed.data.segment;
  const [t, tTiers] = await Promise.all([getTranslations("care"), getTranslations("tiers")]);
  // The store's today, not UTC's: at 02:00 in Shanghai the file is the 3rd's, not the 2nd's.
  const date = storeDate(new Date(), ctx.store.timezone);
  return streamedCsvResponse<number>({
    filename: `campaign-${ctx.store.slug}-${segment}-${date}.csv`,
    label: "campaign export",
    header: ["customerExternalId", "customerName", "tier", "rank", "productExternalId", "productName", "reason", "boughtTogether"].map((key) =>
      t(`csv.${key}`),
    ),
    async page(afterId) {
      const page = await campaignPage(ctx, segment, { afterId });
      return {
        rows: page.customers.flatMap((c) =>
          c.recommendations.map((r) => [
            c.externalId, c.name, tTiers(c.tier), r.rank, r.productExternalId, r.productName,
            t("reason", { product: r.via.name, count: r.customers }), r.customers,
          ]),
        ),
        next: page.nextAfterId,
      };
    },
  });
}
