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
  // "lacks columns", which sent the merchant looking in the wrong place. JSON (the records
  // meant for POST /api/v1/orders…) was taken with 202, to fail a moment later the same way.
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "multipart/form-data") {
    return errorResponse(
      400,
      "invalid_request",
      "Send the CSV file itself as the request body (curl --data-binary @orders.csv), not as a form upload (curl -F).",
    );
  }
  if (/^application\/(.+\+)?json$/.test(type)) {
    return errorResponse(
      400,
      "invalid_request",
      `This route takes a CSV file (plain or gzip) as the request body, and it was sent as ${type}. ` +
        `Send the file (curl --data-binary @orders.csv -H "Content-Type: text/csv"), or the records as JSON to POST /api/v1/${params.kind}.`,
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
