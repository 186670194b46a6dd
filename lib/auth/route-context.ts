import "server-only";
import type { Role } from "@/db/schema";
import { errorResponse } from "@/lib/api/route";
import type { StoreContext } from "@/lib/stores/context";
import { findActionStoreContext } from "./session";

/**
 * For route handlers under /s/<store>/ that the signed-in user calls (uploads, downloads,
 * polling): the store context, or the response to send instead (404 for a non-member, so a
 * store's existence is not revealed; 403 for a role that may not).
 */
export async function routeStoreContext(slug: string, role: Role): Promise<StoreContext | Response> {
  const ctx = await findActionStoreContext(slug);
  if (!ctx) return errorResponse(404, "not_found", "Not found");
  if (role === "owner" && ctx.role !== "owner") {
    return errorResponse(403, "forbidden", "Only the store's owners may do this.");
  }
  return ctx;
}
