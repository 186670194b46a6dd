import { errorResponse } from "@/lib/api/route";
import { refusalResponse, routeStoreContext } from "@/lib/auth/route-context";
import { addEvidence } from "@/lib/disputes/evidence";
import { AppError } from "@/lib/errors";
import { storeErrorText } from "@/lib/i18n/error-text";
import { parsePathId } from "@/lib/path-id";
import { withDisputeWords } from "../../localize-error";

// The dispute page sends each evidence file as the raw request body, its name in ?name=.
export async function POST(request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const ctx = await routeStoreContext(store, "staff");
  if (ctx instanceof Response) return ctx;
  const disputeId = parsePathId(id);
  if (disputeId === null) return refusalResponse("not_found");
  const name = new URL(request.url).searchParams.get("name") ?? "";
  const declared = request.headers.get("content-length");
  try {
    const saved = await withDisputeWords(() =>
      addEvidence(ctx, disputeId, { fileName: name, body: request.body ?? new Uint8Array(), declaredSize: declared === null ? null : Number(declared) }),
    );
    return Response.json(saved, { status: 201 });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The page shows the message as it comes: in the user's language, its times as the page's.
    return errorResponse(error.status, error.code, await storeErrorText(error, ctx.store.timezone));
  }
}
