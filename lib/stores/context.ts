import { AppError, forbidden } from "@/lib/errors";
import type { Role } from "@/db/schema";

/** Who acts in which store: every domain function takes one and scopes its queries by store.id. */
export interface StoreContext {
  store: { id: number; slug: string; name: string; currency: string; timezone: string };
  role: Role;
  /** The signed-in user, or null for an API token or the command line. */
  userId: number | null;
}

export function assertRole(ctx: StoreContext, role: Role): void {
  if (role === "owner" && ctx.role !== "owner") throw forbidden();
}

export function assertUser(ctx: StoreContext): number {
  if (ctx.userId === null) throw new AppError("forbidden", "This needs a signed-in user.", "errors.forbidden");
  return ctx.userId;
}
