import { pathId } from "@/lib/api/route";
import { routeStoreContext } from "@/lib/auth/route-context";
import { streamedCsvResponse } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { getFlashSale } from "@/lib/flash-sales/queries";
import { reminderList, type ReminderCursor } from "@/lib/flash-sales/reminders";

const PAGE = 1000;

// The sale's reminder list as CSV, streamed page by page so a big audience never sits in memory.
export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const ctx = await routeStoreContext(store, "staff");
  if (ctx instanceof Response) return ctx;
  let sale;
  try {
    sale = await getFlashSale(ctx, pathId(id, "No such flash sale in this store."));
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: error.status });
    throw error;
  }
  return streamedCsvResponse<ReminderCursor>({
    filename: `flash-sale-${sale.id}-reminders.csv`,
    label: "flash-sale reminders export",
    header: ["externalId", "name", "tier", "score", "isHighValue", "lastOrderAt", "alreadyClaimed"],
    async page(after) {
      const page = await reminderList(ctx, sale, { limit: PAGE, after: after ?? null });
      return {
        rows: page.rows.map((r) => [r.externalId, r.name, r.tier, r.score, r.isHighValue, r.lastOrderAt?.toISOString() ?? null, r.claimed]),
        next: page.next,
      };
    },
  });
}
