import { errorResponse } from "@/lib/api/route";
import { routeStoreContext } from "@/lib/auth/route-context";
import { AppError } from "@/lib/errors";
import { getImport } from "@/lib/imports/run-import";
import { importView } from "@/lib/imports/view";

export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const ctx = await routeStoreContext(store, "owner");
  if (ctx instanceof Response) return ctx;
  try {
    return Response.json(importView(await getImport(ctx, Number(id) || 0)), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.status, error.code, error.message);
    throw error;
  }
}
