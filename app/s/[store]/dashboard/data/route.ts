import { findActionStoreContext } from "@/lib/auth/session";
import { csvLine } from "@/lib/csv";
import { chartData } from "@/lib/dashboard/chart-data";
import { firstValues } from "@/lib/validation/customers";
import { dashboardDataQuerySchema } from "@/lib/validation/dashboard";

// One dashboard chart's numbers as CSV (default) or JSON: the owner's, like the charts. Staff get
// 403, and anyone who is not a member of the store 404, so the store's existence stays hidden.
export async function GET(request: Request, { params }: { params: Promise<{ store: string }> }) {
  const ctx = await findActionStoreContext((await params).store);
  if (!ctx) return new Response("Not found", { status: 404 });
  if (ctx.role !== "owner") return new Response("Only the store's owner sees the dashboard's charts.", { status: 403 });
  const parsed = dashboardDataQuerySchema.safeParse(firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  if (!parsed.success) return new Response("Unknown chart or format.", { status: 400 });
  const { chart, format, period } = parsed.data;
  const table = await chartData(ctx, chart, period);
  const headers = { "cache-control": "no-store" };
  if (format === "json") {
    return Response.json({ chart, period, ...table }, { headers });
  }
  const date = new Date().toISOString().slice(0, 10);
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
