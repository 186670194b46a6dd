import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { csvLine } from "@/lib/csv";
import { chartData } from "@/lib/dashboard/chart-data";
import { firstValues } from "@/lib/validation/customers";
import { dashboardDataQuerySchema } from "@/lib/validation/dashboard";
import { storeDate } from "@/lib/store-time";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

// One dashboard chart's numbers as CSV (default) or JSON: the owner's, like the charts. Staff get
// 403, and anyone who is not a member of the store 404, so the store's existence stays hidden.
export async function GET(request: Request, { params }: { params: Promise<{ store: string }> }) {
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext((await params).store, "owner", textRefusal);
  if (ctx instanceof Response) return ctx;
  const parsed = dashboardDataQuerySchema.safeParse(firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  if (!parsed.success) return textRefusal("bad_link");
  await rescoreIfMembershipsLapsed(ctx.store.id);
  const { chart, format, period } = parsed.data;
  const table = await chartData(ctx, chart, period);
  const headers = { "cache-control": "no-store" };
  if (format === "json") {
    return Response.json({ chart, period, ...table }, { headers });
  }
  // The store's today, not UTC's: at 02:00 in Shanghai the file is the 3rd's, not the 2nd's.
  const date = storeDate(new Date(), ctx.store.timezone);
  // A byte-order mark, so spreadsheet programs read UTF-8 (product names may be Chinese).
  const body = "\uFEFF" + csvLine(table.columns) + table.rows.map((row) => csvLine(row)).join("");
  return new Response(body, {
    headers: {
      ...headers,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${chart}-${ctx.store.slug}-${period}-${date}.csv"`,
    },
  });
}
