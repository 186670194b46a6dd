import { getFormatter } from "@/lib/i18n/server";
import { readerCsv } from "@/lib/i18n/reader-csv";
import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { listCustomers } from "@/lib/customers/queries";
import { currentScoringRules } from "@/lib/customers/rules";
import { averageOrderMinor } from "@/lib/customers/average-order";
import { streamedCsvResponse } from "@/lib/csv";
import { toMajorUnits } from "@/lib/money";
import { customerListQuerySchema, firstValues } from "@/lib/validation/customers";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

const PAGE = 500;

// The customers of the current filter as CSV, streamed page by page (keyset), so an export of
// every customer never sits in memory whole. A sheet for the owner to read and sort, as the
// list shows it: headers, tiers, yes/no and gates in the reader's language, times in the store's
// zone (named in the header); amounts and rates stay plain numbers for the spreadsheet to sum.
// The API (GET /api/v1/customers) is the one with field names and UTC times.
export async function GET(request: Request, { params }: { params: Promise<{ store: string }> }) {
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext((await params).store, "staff", textRefusal);
  if (ctx instanceof Response) return ctx;
  const parsed = customerListQuerySchema.safeParse(firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  if (!parsed.success) return textRefusal("bad_link");
  await rescoreIfMembershipsLapsed(ctx.store.id);
  const query = { ...parsed.data, cursor: undefined, limit: PAGE };
  const currency = ctx.store.currency;
  const [{ t, header, yesNo, tier, time, today }, format, rules] = await Promise.all([readerCsv(ctx), getFormatter(), currentScoringRules(ctx.store.id)]);
  const money = (minor: number | null) => (minor === null ? null : toMajorUnits(minor, currency));
  const maxReturnRate = format.number(rules.rules.gates.maxReturnRate, { style: "percent", maximumFractionDigits: 1 });
  const gates = (names: string[]) => format.list(names.map((gate) => t(`gates.${gate}`, { max: maxReturnRate })));
  return streamedCsvResponse<string>({
    filename: `customers-${ctx.store.slug}-${today()}.csv`,
    label: "customers export",
    header: (
      [
        "externalId", "name", "tier", "score", "isHighValue", "gates", "isRepeat", "orders",
        "spend", "refunded", "netSpend", "averageOrderValue",
        "lastOrderAt", "recencyDays", "returns", "returnRate", "reviews", "interactionRate", "shares", "shareRate",
        "positiveReviewRate", "ruleVersion", "asOf",
      ] as const
    ).map(header),
    async page(cursor) {
      const page = await listCustomers(ctx, { ...query, cursor });
      return {
        rows: page.customers.map((c) => [
          c.externalId, c.name, tier(c.tier), c.score, yesNo(c.isHighValue), gates(c.gates), yesNo(c.isRepeat), c.orders,
          money(c.spend), money(c.refunded), money(c.netSpend),
          // Rounded in minor units, as the pages show it: rounded after the division, 501.5 fen
          // became 5.01499… yuan and 5.01 against the pages' ¥5.02.
          money(averageOrderMinor(c)),
          time(c.lastOrderAt), c.recencyDays, c.returns, c.returnRate, c.reviews, c.interactionRate, c.shares, c.shareRate,
          c.positiveReviewRate, c.ruleVersion, time(c.asOf),
        ]),
        next: page.nextCursor,
      };
    },
  });
}
