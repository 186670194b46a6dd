import { routeStoreContext } from "@/lib/auth/route-context";
import { csvLine } from "@/lib/csv";
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
    sale = await getFlashSale(ctx, Number(id));
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: error.status });
    throw error;
  }
  const encoder = new TextEncoder();
  let after: ReminderCursor | null = null;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          // A byte-order mark, so spreadsheet programs read the Chinese names as UTF-8.
          controller.enqueue(encoder.encode("\uFEFF" + csvLine(["externalId", "name", "tier", "score", "isHighValue", "lastOrderAt", "alreadyClaimed"])));
        }
        const page = await reminderList(ctx, sale, { limit: PAGE, after });
        const lines = page.rows.map((r) =>
          csvLine([r.externalId, r.name, r.tier, r.score, r.isHighValue, r.lastOrderAt?.toISOString() ?? null, r.claimed]),
        );
        controller.enqueue(encoder.encode(lines.join("")));
        if (!page.next) controller.close();
        else after = page.next;
      } catch (error) {
        console.error("[flash-sale reminders export]", error);
        controller.error(error);
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="flash-sale-${sale.id}-reminders.csv"`,
      "cache-control": "no-store",
    },
  });
}
