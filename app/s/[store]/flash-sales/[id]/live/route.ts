import { errorResponse, pathId } from "@/lib/api/route";
import { routeStoreContext } from "@/lib/auth/route-context";
import { AppError } from "@/lib/errors";
import { flashSaleCounters } from "@/lib/flash-sales/queries";

// What the sale page polls while it is open: sold, remaining, quantity and status.
export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const ctx = await routeStoreContext(store, "staff");
  if (ctx instanceof Response) return ctx;
  try {
    return Response.json(await flashSaleCounters(ctx, pathId(id, "No such flash sale in this store.")), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.status, error.code, error.message);
    throw error;
  }
}
