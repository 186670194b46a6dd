import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { disputeParties, disputePartyContacts, disputeSettings, type DisputeParty } from "@/db/schema";
import { assertMoneyWithinBound } from "@/lib/money";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { DEFAULT_LEGAL_THRESHOLD } from "./routing";

/** The store's legal threshold in minor units (PRODUCT.md §6's default when never set). */
export async function legalThresholdOf(db: DbOrTx, storeId: number): Promise<number> {
  const [row] = await db
    .select({ legalThreshold: disputeSettings.legalThreshold })
    .from(disputeSettings)
    .where(eq(disputeSettings.storeId, storeId));
  return row?.legalThreshold ?? DEFAULT_LEGAL_THRESHOLD;
}

export async function disputeSettingsFor(ctx: StoreContext) {
  return { legalThreshold: await legalThresholdOf(getDb(), ctx.store.id) };
}

/**
 * Owners set the amount at stake from which a lawyer follows the primary party. A threshold above
 * the bound of every amount no dispute could reach: refused, named in the reader's `locale`.
 */
export async function setLegalThreshold(ctx: StoreContext, legalThreshold: number, locale = "en") {
  assertRole(ctx, "owner");
  if (!Number.isSafeInteger(legalThreshold) || legalThreshold < 0) throw new RangeError("legal threshold must be a non-negative integer");
  assertMoneyWithinBound(legalThreshold, { path: "legalThreshold", currency: ctx.store.currency, locale });
  await getDb()
    .insert(disputeSettings)
    .values({ storeId: ctx.store.id, legalThreshold, updatedByUserId: ctx.userId })
    .onConflictDoUpdate({
      target: disputeSettings.storeId,
      set: { legalThreshold, updatedByUserId: ctx.userId, updatedAt: sql`now()` },
    });
}

export interface PartyContact {
  party: DisputeParty;
  /** The store's own name for the party ("" until an owner fills it in: pages show the generic name). */
  name: string;
  contact: string;
  notes: string;
  updatedAt: Date | null;
}

/** Every party, in the table's order, with the store's contact details where it has some. */
export async function partiesDirectory(ctx: StoreContext): Promise<PartyContact[]> {
  const rows = await getDb()
    .select({
      party: disputePartyContacts.party,
      name: disputePartyContacts.name,
      contact: disputePartyContacts.contact,
      notes: disputePartyContacts.notes,
      updatedAt: disputePartyContacts.updatedAt,
    })
    .from(disputePartyContacts)
    .where(eq(disputePartyContacts.storeId, ctx.store.id));
  const byParty = new Map(rows.map((r) => [r.party, r]));
  return disputeParties.map((party) => byParty.get(party) ?? { party, name: "", contact: "", notes: "", updatedAt: null });
}

export async function savePartyContact(ctx: StoreContext, input: { party: DisputeParty; name: string; contact: string; notes: string }) {
  assertRole(ctx, "owner");
  const values = { name: input.name.trim(), contact: input.contact.trim(), notes: input.notes.trim() };
  await getDb()
    .insert(disputePartyContacts)
    .values({ storeId: ctx.store.id, party: input.party, ...values, updatedByUserId: ctx.userId })
    .onConflictDoUpdate({
      target: [disputePartyContacts.storeId, disputePartyContacts.party],
      set: { ...values, updatedByUserId: ctx.userId, updatedAt: sql`now()` },
    });
}
