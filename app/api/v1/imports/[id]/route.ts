import { apiRoute, otherMethods, pathId } from "@/lib/api/route";
import { getImport } from "@/lib/imports/run-import";
import { importView } from "@/lib/imports/view";

export const GET = apiRoute<undefined, { id: string }>({}, async ({ ctx, params }) => {
  return importView(await getImport(ctx, pathId(params.id, "No such import in this store.")));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
