import "server-only";
import type { Role } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { findActionStoreContext } from "./session";

/**
 * For route handlers under /s/<store>/ that the signed-in user calls (uploads, downloads,
 * polling): the store context, or the response to send instead (404 for a non-member, so a
 * store's existence is not revealed; 403 for a role that may not).
 */
export async function routeStoreContext(slug: string, role: Role): Promise<StoreContext | Response> {
  const ctx = await findActionStoreContext(slug);
  if (!ctx) return Response.json({ error: { code: "not_found", message: "Not found", details: [] } }, { status: 404 });
  if (role === "owner" && ctx.role !== "owner") {
    return Response.json({ error: { code: "forbidden", message: "Only the store's owners may do this.", details: [] } }, { status: 403 });
  }
  return ctx;
}
