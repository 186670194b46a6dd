import { pathId } from "@/lib/api/route";
import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { streamedCsvResponse } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { getFlashSale } from "@/lib/flash-sales/queries";
import { reminderList, type ReminderCursor } from "@/lib/flash-sales/reminders";
import { readerCsv } from "@/lib/i18n/reader-csv";

const PAGE = 1000;

// The sale's reminder list as CSV, streamed page by page so a big audience never sits in memory.
// A list for the merchant's people to call through, written as the customers CSV is: headers,
// tiers and yes/no in the reader's language, times in the store's zone.
export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext(store, "staff", textRefusal);
  if (ctx instanceof Response) return ctx;
  let sale;
  try {
    sale = await getFlashSale(ctx, pathId(id, "No such flash sale in this store."));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return textRefusal("not_found");
    throw error;
  }
  const { t, header, yesNo, tier, time, today } = await readerCsv(ctx);
  return streamedCsvResponse<ReminderCursor>({
    filename: `flash-sale-${sale.id}-reminders-${today()}.csv`,
    label: "flash-sale reminders export",
    header: [...(["externalId", "name", "tier", "score", "isHighValue", "lastOrderAt"] as const).map(header), t("flashSales.csv.alreadyClaimed")],
    async page(after) {
      const page = await reminderList(ctx, sale, { limit: PAGE, after: after ?? null });
      return {
        rows: page.rows.map((r) => [r.externalId, r.name, tier(r.tier), r.score, yesNo(r.isHighValue), time(r.lastOrderAt), r.claimed]),
        next: page.next,
      };
    },
  });
}
