import { randomUUID } from "node:crypto";
import { createStore, updateStoreSettings } from "@/lib/stores/commands";
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

/**
 * A new store in New York, saved as an owner sets it, and its owner context: a clock that goes
 * back (from 02:00 EDT to 01:00 EST on the first Sunday of November), so 01:30 comes twice.
 */
export async function makeNewYorkStore(prefix = "ny"): Promise<StoreContext> {
  const ctx = await makeStore(prefix);
  await updateStoreSettings(ctx, { name: "NY gifts", currency: "USD", timezone: "America/New_York" });
  return { ...ctx, store: { ...ctx.store, name: "NY gifts", currency: "USD", timezone: "America/New_York" } };
}

export function asStaff(ctx: StoreContext, userId: number | null = ctx.userId): StoreContext {
  return { ...ctx, role: "staff", userId };
}
