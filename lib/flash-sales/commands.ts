import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { flashSales, products } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import {
  cancelReasons,
  editReasons,
  endEarlyReasons,
  FlashSaleRulesError,
  newSaleReasons,
  type DraftAsRead,
  type ExistingSale,
  type FlashSaleDraft,
  type OtherSaleWindow,
  type RuleReason,
} from "./rules";
import { flashSaleStatus } from "./eligibility";
import { settleEndedFlashSales } from "./settle";
import { addToSlots, fillSlots, refillSlots, soldSql } from "./stock";

// Creating and changing sales. Each command runs in one transaction that first locks the
// product row: that serialises every change of one product's sales and stock, so the overlap
// check and the stock taken cannot race another owner's save. Product and sale rows are locked
// for no key update: a claim's foreign-key checks take key-share locks on them at the end of
// its statement, and a lock for update made a change that then waits for the claim's stock
// slot a deadlock (ending a sale early during a rush failed).

/** The product, locked within a save; a form's check (`lock` false) reads it as it is. */
async function lockProduct(db: DbOrTx, storeId: number, productId: number, lock = true) {
  const query = db
    .select({ id: products.id, name: products.name, price: products.price, floorPrice: products.floorPrice, stock: products.stock })
    .from(products)
    .where(and(eq(products.storeId, storeId), eq(products.id, productId)));
  const [product] = await (lock ? query.for("no key update") : query);
  if (!product) throw new AppError("not_found", "No such product in this store.", "flashSales.errors.noSuchProduct");
  return product;
}

async function otherSaleWindows(db: DbOrTx, storeId: number, productId: number, exceptId: number | null): Promise<OtherSaleWindow[]> {
  return db
    .select({
      id: flashSales.id,
      startsAt: flashSales.startsAt,
      endsAt: flashSales.endsAt,
      earlyAccessMinutes: flashSales.earlyAccessMinutes,
      earlyAccessTier: flashSales.earlyAccessTier,
    })
    .from(flashSales)
    .where(
      and(
        eq(flashSales.storeId, storeId),
        eq(flashSales.productId, productId),
        sql`${flashSales.cancelledAt} is null`,
        exceptId === null ? undefined : ne(flashSales.id, exceptId),
      ),
    );
}

async function lockSale(db: DbOrTx, storeId: number, saleId: number, lock = true): Promise<ExistingSale & { productId: number; updatedAt: Date }> {
  const query = db
    .select()
    .from(flashSales)
    .where(and(eq(flashSales.storeId, storeId), eq(flashSales.id, saleId)));
  const [sale] = await (lock ? query.for("no key update") : query);
  if (!sale) throw notFound("No such flash sale in this store.");
  const { rows } = await db.execute<{ sold: number }>(sql`select ${soldSql("f")} as sold from flash_sales f where f.store_id = ${storeId} and f.id = ${saleId}`);
  return { ...sale, sold: Number(rows[0]?.sold ?? 0) };
}

/** How the rules word what they refuse: the store's money and zone, amounts for the reader's locale. */
function format(ctx: StoreContext, locale: string) {
  return { currency: ctx.store.currency, timeZone: ctx.store.timezone, locale };
}

/**
 * Creates a sale and sets its units aside from the product's stock (owners only). `locale` is
 * the reader's, for the amounts a refusal names (the API's is English).
 */
export async function createFlashSale(ctx: StoreContext, productId: number, draft: FlashSaleDraft, locale = "en"): Promise<{ id: number }> {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  return getDb().transaction(async (tx) => {
    // Sales of the product that ended on their own give their units back before the stock is read.
    await settleEndedFlashSales(tx, storeId, new Date());
    const product = await lockProduct(tx, storeId, productId);
    const reasons = newSaleReasons(draft, product, await otherSaleWindows(tx, storeId, productId, null), format(ctx, locale), new Date());
    if (reasons.length > 0) throw new FlashSaleRulesError(reasons);
    const [created] = await tx
      .insert(flashSales)
      .values({ storeId, productId, ...draft, createdBy: ctx.userId })
      .returning({ id: flashSales.id });
    await fillSlots(tx, storeId, created!.id, draft.quantity);
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${draft.quantity}` })
      .where(and(eq(products.storeId, storeId), eq(products.id, productId)));
    return created!;
  });
}

/**
 * Every rule a new sale breaks, as far as its form could be read (`productId` null: the product
 * was not found, and the rules about it are left out), for a form to name them all at once.
 * createFlashSale checks again under lock.
 */
export async function newSaleProblems(ctx: StoreContext, productId: number | null, draft: DraftAsRead, locale: string): Promise<RuleReason[]> {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  const db = getDb();
  if (productId === null) return newSaleReasons(draft, null, [], format(ctx, locale), new Date());
  await settleEndedFlashSales(db, storeId, new Date());
  const product = await lockProduct(db, storeId, productId, false);
  return newSaleReasons(draft, product, await otherSaleWindows(db, storeId, productId, null), format(ctx, locale), new Date());
}

/** The sale as stored, for an edit form to be read against (not locked: updateFlashSale reads it again under lock). */
export async function saleToEdit(ctx: StoreContext, saleId: number): Promise<ExistingSale> {
  assertRole(ctx, "owner");
  return lockSale(getDb(), ctx.store.id, saleId, false);
}

/** Every rule an edit of a sale breaks, as far as its form could be read; updateFlashSale checks again under lock. */
export async function saleEditProblems(ctx: StoreContext, saleId: number, draft: DraftAsRead, locale: string, now = new Date()): Promise<RuleReason[]> {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  const db = getDb();
  await settleEndedFlashSales(db, storeId, now);
  const existing = await lockSale(db, storeId, saleId, false);
  const product = await lockProduct(db, storeId, existing.productId, false);
  return editReasons(existing, draft, product, await otherSaleWindows(db, storeId, existing.productId, saleId), now, format(ctx, locale));
}

/**
 * Saves an edited sale: anything before it opens; once open only a higher quantity. The
 * stock moves by the change in quantity. The draft may be made from the sale as it stands
 * under lock (the edit form's times left as shown keep the sale's own instants). `seen`: the
 * sale's `updatedAt` the edit was made from; an edit saved since (another owner's) refuses this
 * one, whose form sends every term and so would undo that edit without a word.
 */
export async function updateFlashSale(
  ctx: StoreContext,
  saleId: number,
  draft: FlashSaleDraft | ((existing: ExistingSale) => FlashSaleDraft),
  now = new Date(),
  locale = "en",
  options: { seen?: Date } = {},
): Promise<void> {
  await editSale(ctx, saleId, typeof draft === "function" ? draft : () => draft, now, locale, options.seen);
}

/** Raises an open (or scheduled) sale's quantity, leaving every other term as it is. */
export async function raiseFlashSaleQuantity(ctx: StoreContext, saleId: number, quantity: number, now = new Date()): Promise<void> {
  await editSale(ctx, saleId, (existing) => ({ ...termsOf(existing), quantity }), now);
}

function termsOf(sale: ExistingSale): FlashSaleDraft {
  const { price, quantity, perCustomerLimit, startsAt, endsAt, earlyAccessTier, earlyAccessMinutes } = sale;
  return { price, quantity, perCustomerLimit, startsAt, endsAt, earlyAccessTier, earlyAccessMinutes };
}

async function editSale(ctx: StoreContext, saleId: number, makeDraft: (existing: ExistingSale) => FlashSaleDraft, now: Date, locale = "en", seen?: Date) {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  await getDb().transaction(async (tx) => {
    // Sale, then product: the order settling takes them in too. Settled after this sale is
    // locked, so that the product's other sales' units are back in the stock its check reads.
    const existing = await lockSale(tx, storeId, saleId);
    if (seen && existing.updatedAt.getTime() !== seen.getTime()) {
      throw new AppError(
        "conflict",
        "This sale was changed meanwhile (by another owner or in another tab); reload it to see its terms, then edit again.",
        "flashSales.errors.changedMeanwhile",
      );
    }
    await settleEndedFlashSales(tx, storeId, now);
    const product = await lockProduct(tx, storeId, existing.productId);
    const draft = makeDraft(existing);
    const reasons = editReasons(existing, draft, product, await otherSaleWindows(tx, storeId, existing.productId, saleId), now, format(ctx, locale));
    if (reasons.length > 0) throw new FlashSaleRulesError(reasons);
    const delta = draft.quantity - existing.quantity;
    await tx
      .update(flashSales)
      .set({ ...draft, updatedAt: now })
      .where(and(eq(flashSales.storeId, storeId), eq(flashSales.id, saleId)));
    if (delta !== 0) {
      // Before it opens nothing is claimed and the slots are laid out anew; once open, only raised.
      if (existing.sold === 0 && flashSaleStatus(existing, now) === "scheduled") await refillSlots(tx, storeId, saleId, draft.quantity);
      else await addToSlots(tx, storeId, saleId, delta);
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} - ${delta}` })
        .where(and(eq(products.storeId, storeId), eq(products.id, existing.productId)));
    }
  });
}

/** Cancels a sale that has not opened; all its units go back to the stock. */
export async function cancelFlashSale(ctx: StoreContext, saleId: number, now = new Date()): Promise<void> {
  assertRole(ctx, "owner");
  await getDb().transaction(async (tx) => {
    const existing = await lockSale(tx, ctx.store.id, saleId);
    const reasons = cancelReasons(existing, now);
    if (reasons.length > 0) throw new FlashSaleRulesError(reasons);
    await tx
      .update(flashSales)
      .set({ cancelledAt: now, updatedAt: now })
      .where(and(eq(flashSales.storeId, ctx.store.id), eq(flashSales.id, saleId)));
    await settleEndedFlashSales(tx, ctx.store.id, now, saleId);
  });
}

/** Ends an open sale now; the units it did not sell go back to the stock. */
export async function endFlashSaleEarly(ctx: StoreContext, saleId: number, now = new Date()): Promise<void> {
  assertRole(ctx, "owner");
  await getDb().transaction(async (tx) => {
    const existing = await lockSale(tx, ctx.store.id, saleId);
    const reasons = endEarlyReasons(existing, now, ctx.store.timezone);
    if (reasons.length > 0) throw new FlashSaleRulesError(reasons);
    // In early access that is before its start, which it keeps (its page, the list and the
    // dashboard date it by its start): marked ended early, it may end before it (the CHECK).
    await tx
      .update(flashSales)
      .set({ endsAt: now, endedEarly: true, updatedAt: now })
      .where(and(eq(flashSales.storeId, ctx.store.id), eq(flashSales.id, saleId)));
    await settleEndedFlashSales(tx, ctx.store.id, now, saleId);
  });
}
