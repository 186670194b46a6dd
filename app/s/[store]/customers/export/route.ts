import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { listCustomers } from "@/lib/customers/queries";
import { averageOrderMinor } from "@/lib/customers/average-order";
import { streamedCsvResponse } from "@/lib/csv";
import { toMajorUnits } from "@/lib/money";
import { customerListQuerySchema, firstValues } from "@/lib/validation/customers";
import { storeDate } from "@/lib/store-time";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

const PAGE = 500;

// The customers of the current filter as CSV, streamed page by page (keyset), so an export of
// every customer never sits in memory whole.
export async function GET(request: Request, { params }: { params: Promise<{ store: string }> }) {
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext((await params).store, "staff", textRefusal);
  if (ctx instanceof Response) return ctx;
  const parsed = customerListQuerySchema.safeParse(firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  if (!parsed.success) return textRefusal("bad_link");
  await rescoreIfMembershipsLapsed(ctx.store.id);
  const query = { ...parsed.data, cursor: undefined, limit: PAGE };
  const currency = ctx.store.currency;
  const money = (minor: number | null) => (minor === null ? null : toMajorUnits(minor, currency));
  // The store's today, not UTC's: at 02:00 in Shanghai the file is the 3rd's, not the 2nd's.
  const date = storeDate(new Date(), ctx.store.timezone);
  return streamedCsvResponse<string>({
    filename: `customers-${ctx.store.slug}-${date}.csv`,
    label: "customers export",
    header: [
      "externalId", "name", "tier", "score", "isHighValue", "gates", "isRepeat", "orders",
      `spend (${currency})`, `refunded (${currency})`, `netSpend (${currency})`, `averageOrderValue (${currency})`,
      "lastOrderAt", "recencyDays", "returns", "returnRate", "reviews", "interactionRate", "shares", "shareRate",
      "positiveReviewRate", "ruleVersion", "asOf",
    ],
    async page(cursor) {
      const page = await listCustomers(ctx, { ...query, cursor });
      return {
        rows: page.customers.map((c) => [
          c.externalId, c.name, c.tier, c.score, c.isHighValue, c.gates.join(" "), c.isRepeat, c.orders,
          money(c.spend), money(c.refunded), money(c.netSpend),
          // Rounded in minor units, as the pages show it: rounded after the division, 501.5 fen
          // became 5.01499… yuan and 5.01 against the pages' ¥5.02.
          money(averageOrderMinor(c)),
          c.lastOrderAt, c.recencyDays, c.returns, c.returnRate, c.reviews, c.interactionRate, c.shares, c.shareRate,
          c.positiveReviewRate, c.ruleVersion, c.asOf,
        ]),
        next: page.nextCursor,
      };
    },
  });
}
