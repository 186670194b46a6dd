import { getTranslations } from "@/lib/i18n/server";
import { pathId } from "@/lib/api/route";
import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { csvLine } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { storeErrorText } from "@/lib/i18n/error-text";
import { getImport } from "@/lib/imports/run-import";
import { importView } from "@/lib/imports/view";

/** The import's refused rows as CSV: row, column, reason. */
export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext(store, "owner", textRefusal);
  if (ctx instanceof Response) return ctx;
  const t = await getTranslations();
  try {
    const job = await getImport(ctx, pathId(id, "No such import in this store."));
    // In the reader's language, like the page the report is downloaded from.
    const { errors, errorCount } = importView(job, t);
    const header = [t("imports.report.row"), t("imports.report.column"), t("imports.report.reason")];
    // The import keeps the first reasons it found: the report says how many it leaves out.
    const notListed = errorCount > errors.length ? csvLine(["", "", t("imports.report.notListed", { more: errorCount - errors.length })]) : "";
    const body = "\uFEFF" + csvLine(header) + errors.map((e) => csvLine([e.row, e.column ?? "", e.message])).join("") + notListed;
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="import-${job.id}-errors.csv"`,
      },
    });
  } catch (error) {
    if (error instanceof AppError) {
      return new Response(await storeErrorText(error, ctx.store.timezone), { status: error.status, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
