import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/path-id";
import { loadPacket } from "../load-packet";
import { casePacketDocument } from "../packet-html";
import { packetOptions } from "../packet-options";

// The case packet as one self-contained HTML file, to send to the party or keep.
export async function GET(request: Request, { params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext(store, "staff", textRefusal);
  if (ctx instanceof Response) return ctx;
  const disputeId = parsePathId(id);
  if (disputeId === null) return textRefusal("not_found");
  try {
    // In the language and with the comments its page showed (packetQuery).
    const packet = await loadPacket(ctx, disputeId, packetOptions(Object.fromEntries(new URL(request.url).searchParams)));
    return new Response(casePacketDocument(packet), {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-disposition": `attachment; filename="case-${ctx.store.slug}-${disputeId}.html"`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return textRefusal("not_found");
    throw error;
  }
}
