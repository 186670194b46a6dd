import { getTranslations } from "@/lib/i18n/server";
import { z } from "zod";
import { importFormats, importKinds } from "@/db/schema";
import { errorResponse } from "@/lib/api/route";
import { routeStoreContext } from "@/lib/auth/route-context";
import { AppError } from "@/lib/errors";
import { storeErrorText } from "@/lib/i18n/error-text";
import { startUploadedImport } from "@/lib/imports/start-import";
import { fieldErrorInReaderLanguage } from "@/lib/actions/field-errors";
import { text } from "@/lib/validation/text";

const query = z.object({
  kind: z.enum(importKinds),
  format: z.enum(importFormats),
  skipInvalid: z.enum(["true", "false"]).default("false"),
  fileName: text({ min: 1, max: 200 }),
});

// The imports page sends the file as the raw request body (streamed to disk, never buffered),
// and shows a refusal as it comes: in the page's language.
export async function POST(request: Request, { params }: { params: Promise<{ store: string }> }) {
  const ctx = await routeStoreContext((await params).store, "owner");
  if (ctx instanceof Response) return ctx;
  const t = await getTranslations();
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    // A file's name the browser sent can hold a bidi override ("invoice\u202Efdp.csv" shows as
    // "invoicepdf.csv"): say that, not that the kind and format were not picked.
    const ofName = parsed.error.issues.find((issue) => issue.path[0] === "fileName");
    return errorResponse(400, "invalid_request", ofName ? fieldErrorInReaderLanguage(ofName, t) : t("imports.pickKindFormat"));
  }
  try {
    const declared = request.headers.get("content-length");
    const job = await startUploadedImport(
      ctx,
      { ...parsed.data, skipInvalid: parsed.data.skipInvalid === "true" },
      request.body,
      declared === null ? null : Number(declared),
    );
    return Response.json({ importId: job.id }, { status: 202 });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.status, error.code, await storeErrorText(error, ctx.store.timezone));
    throw error;
  }
}
