import fs from "node:fs";
import { Readable } from "node:stream";
import { routeStoreContext, textRefusal } from "@/lib/auth/route-context";
import { openEvidence } from "@/lib/disputes/evidence";
import { downloadFileName } from "@/lib/disputes/file-types";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/path-id";

// Evidence is served only here: to members of the dispute's store (others get 404), always as
// an attachment with the type its bytes were checked to be, never sniffed by the browser.
export async function GET(_request: Request, { params }: { params: Promise<{ store: string; id: string; evidenceId: string }> }) {
  const { store, id, evidenceId } = await params;
  // The browser opens the link itself: a refusal is a sentence in the reader's language.
  const ctx = await routeStoreContext(store, "staff", textRefusal);
  if (ctx instanceof Response) return ctx;
  const disputeId = parsePathId(id);
  const fileId = parsePathId(evidenceId);
  if (disputeId === null || fileId === null) return textRefusal("not_found");
  try {
    const file = await openEvidence(ctx, disputeId, fileId);
    const name = downloadFileName(file.fileName, file.extension);
    const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    const body = Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": file.mediaType,
        "content-length": String(file.sizeBytes),
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cache-control": "private, no-store",
        "x-evidence-sha256": file.sha256,
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return textRefusal("not_found");
    throw error;
  }
}
