import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { stores } from "@/db/schema";
import { assertUnchanged, savedAt, unchangedSince } from "@/db/unchanged";
import { AppError } from "@/lib/errors";
import { minorUnitDigits } from "@/lib/money";
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

/**
 * Whether the store keeps any amount: every amount is stored in minor units of the store's
 * currency (fen, pence, yen), so these are the rows a change of its decimal places would rescale.
 */
async function holdsAmounts(storeId: number): Promise<boolean> {
  const tables = ["products", "orders", "returns", "flash_sales", "membership_plans", "points_rules", "disputes", "dispute_settings"];
  const { rows } = await getDb().execute<{ holds: boolean }>(
    sql`select ${sql.join(
      tables.map((table) => sql`exists (select 1 from ${sql.identifier(table)} where store_id = ${storeId})`),
      sql` or `,
    )} as holds`,
  );
  return rows[0]!.holds;
}

/**
 * Saves the store's name, currency and time zone. `seen`: when the settings the form showed were
 * saved (storeSettingsOf); the form sends all three, so a save over another owner's newer ones
 * would put theirs back: it is refused instead, and nothing is changed.
 */
export async function updateStoreSettings(
  ctx: StoreContext,
  input: z.input<typeof storeSettingsSchema>,
  options: { seen?: Date | null } = {},
) {
  assertRole(ctx, "owner");
  const values = storeSettingsSchema.parse(input);
  const [from, to] = [minorUnitDigits(ctx.store.currency), minorUnitDigits(values.currency)];
  // CNY to GBP keeps every amount as it reads (both count hundredths); CNY to JPY would make
  // ¥12.50 read as ¥1,250. Until the store holds an amount, any currency can be chosen.
  if (from !== to && (await holdsAmounts(ctx.store.id))) {
    throw new AppError(
      "conflict",
      `This store already keeps amounts in ${ctx.store.currency}, with ${from} decimal places; ${values.currency} has ${to}, so every amount would change. Choose a currency with ${from} decimal places, or use a new store.`,
      "errors.currencyDigits",
      { from: ctx.store.currency, to: values.currency, fromDigits: from, toDigits: to },
      [{ path: "currency", message: "decimal places differ" }],
    );
  }
  const saved = await getDb()
    .update(stores)
    .set({ ...values, updatedAt: savedAt(stores.updatedAt) })
    .where(and(eq(stores.id, ctx.store.id), unchangedSince(stores.updatedAt, options.seen)))
    .returning({ id: stores.id });
  assertUnchanged(
    saved,
    "The store's settings were changed meanwhile by another owner; reload the page and make your change again.",
    "errors.storeSettingsChangedMeanwhile",
  );
  return values;
}
