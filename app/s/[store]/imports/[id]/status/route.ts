import { getTranslations } from "@/lib/i18n/server";
import { errorResponse, pathId } from "@/lib/api/route";
import { routeStoreContext } from "@/lib/auth/route-context";
import { AppError } from "@/lib/errors";
import { getImport } from "@/lib/imports/run-import";
import { importPageView } from "@/lib/imports/view";

export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const ctx = await routeStoreContext(store, "owner");
  if (ctx instanceof Response) return ctx;
  try {
    const [job, t] = await Promise.all([getImport(ctx, pathId(id, "No such import in this store.")), getTranslations()]);
    // The page's own poll: messages in the reader's language (the API's answer stays English).
    return Response.json(importPageView(job, t), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.status, error.code, error.message);
    throw error;
  }
}
