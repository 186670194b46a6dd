import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { stores } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createStoreSchema, storeSettingsSchema } from "@/lib/validation/stores";
import { assertRole, type StoreContext } from "./context";

export async function createStore(input: z.input<typeof createStoreSchema>) {
  const values = createStoreSchema.parse(input);
  const [row] = await getDb()
    .insert(stores)
    .values(values)
    .onConflictDoNothing({ target: stores.slug })
    .returning({ id: stores.id, slug: stores.slug, name: stores.name, currency: stores.currency, timezone: stores.timezone });
  if (!row) throw new AppError("conflict", `A store with the slug "${values.slug}" already exists.`, "errors.storeExists", { slug: values.slug });
  return row;
}

export async function updateStoreSettings(ctx: StoreContext, input: z.input<typeof storeSettingsSchema>) {
  assertRole(ctx, "owner");
  const values = storeSettingsSchema.parse(input);
  await getDb().update(stores).set(values).where(eq(stores.id, ctx.store.id));
  return values;
}
