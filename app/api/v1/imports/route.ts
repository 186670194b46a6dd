import { z } from "zod";
import { importFormats, importKinds } from "@/db/schema";
import { apiRoute, errorResponse, otherMethods } from "@/lib/api/route";
import { startUploadedImport } from "@/lib/imports/start-import";
import { text } from "@/lib/validation/text";

const query = z.object({
  kind: z.enum(importKinds),
  format: z.enum(importFormats).default("canonical"),
  skipInvalid: z.enum(["true", "false"]).default("false"),
  fileName: text({ min: 1, max: 200 }).default("api-upload.csv"),
});

// The CSV (plain or gzip) is the request body; 202 with the import id, then poll GET …/{id}.
export const POST = apiRoute({ query: { schema: query } }, async ({ ctx, query: params, request }) => {
  // `curl -F file=@orders.csv` sends a form: read as CSV, its boundary lines made a file that
  // "lacks the columns", which sent the merchant looking in the wrong place.
  if (request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    return errorResponse(
      400,
      "invalid_request",
      "Send the CSV file itself as the request body (curl --data-binary @orders.csv), not as a form upload (curl -F).",
    );
  }
  const declared = request.headers.get("content-length");
  const job = await startUploadedImport(
    ctx,
    { kind: params.kind, format: params.format, fileName: params.fileName, skipInvalid: params.skipInvalid === "true" },
    request.body,
    declared === null ? null : Number(declared),
  );
  return Response.json({ importId: job.id }, { status: 202 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
