import { getTranslations } from "@/lib/i18n/server";
import { routeStoreContext } from "@/lib/auth/route-context";
import { csvLine } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { getImport } from "@/lib/imports/run-import";
import { importView } from "@/lib/imports/view";

/** The import's refused rows as CSV: row, column, reason. */
export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const ctx = await routeStoreContext(store, "owner");
  if (ctx instanceof Response) return ctx;
  try {
    const [job, t] = await Promise.all([getImport(ctx, Number(id) || 0), getTranslations()]);
    // In the reader's language, like the page the report is downloaded from.
    const { errors } = importView(job, t);
    const header = [t("imports.report.row"), t("imports.report.column"), t("imports.report.reason")];
    const body = "\uFEFF" + csvLine(header) + errors.map((e) => csvLine([e.row, e.column ?? "", e.message])).join("");
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="import-${job.id}-errors.csv"`,
      },
    });
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: error.status });
    throw error;
  }
}
