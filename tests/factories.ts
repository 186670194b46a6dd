import { randomUUID } from "node:crypto";
import { createStore } from "@/lib/stores/commands";
import type { StoreContext } from "@/lib/stores/context";
import { ensureUserWithRole } from "@/lib/users/commands";

/** A new store with a unique slug, and an owner context for it. */
export async function makeStore(prefix = "t"): Promise<StoreContext> {
  const store = await createStore({ slug: `${prefix}-${randomUUID().slice(0, 8)}`, name: `Test ${prefix}` });
  const owner = await ensureUserWithRole({
    storeId: store.id,
    email: `owner-${store.slug}@test.laoke`,
    password: "owner-password",
    role: "owner",
  });
  return { store, role: "owner", userId: owner.userId };
}

export function asStaff(ctx: StoreContext, userId: number | null = ctx.userId): StoreContext {
  return { ...ctx, role: "staff", userId };
}
