import { apiRoute, otherMethods } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getImport } from "@/lib/imports/run-import";
import { importView } from "@/lib/imports/view";

export const GET = apiRoute<undefined, { id: string }>({}, async ({ ctx, params }) => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "No such import in this store.", "errors.noSuchImport");
  return importView(await getImport(ctx, id));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
