import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { assertUnchanged, savedAt, unchangedSince } from "@/db/unchanged";
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

/** The threshold, with when it was saved (null: never, the default applies): the form's `seen`. */
export async function disputeSettingsFor(ctx: StoreContext): Promise<{ legalThreshold: number; updatedAt: Date | null }> {
  const [row] = await getDb()
    .select({ legalThreshold: disputeSettings.legalThreshold, updatedAt: disputeSettings.updatedAt })
    .from(disputeSettings)
    .where(eq(disputeSettings.storeId, ctx.store.id));
  return row ?? { legalThreshold: DEFAULT_LEGAL_THRESHOLD, updatedAt: null };
}

/**
 * Owners set the amount at stake from which a lawyer follows the primary party. A threshold above
 * the bound of every amount no dispute could reach: refused, named in the reader's `locale`.
 * `seen`: when the threshold the form showed was saved (null: never); a later one is not
 * overwritten, the save is refused.
 */
export async function setLegalThreshold(ctx: StoreContext, legalThreshold: number, locale = "en", options: { seen?: Date | null } = {}) {
  assertRole(ctx, "owner");
  if (!Number.isSafeInteger(legalThreshold) || legalThreshold < 0) throw new RangeError("legal threshold must be a non-negative integer");
  assertMoneyWithinBound(legalThreshold, { path: "legalThreshold", currency: ctx.store.currency, locale });
  const saved = await getDb()
    .insert(disputeSettings)
    .values({ storeId: ctx.store.id, legalThreshold, updatedByUserId: ctx.userId })
    .onConflictDoUpdate({
      target: disputeSettings.storeId,
      set: { legalThreshold, updatedByUserId: ctx.userId, updatedAt: savedAt(disputeSettings.updatedAt) },
      setWhere: unchangedSince(disputeSettings.updatedAt, options.seen),
    })
    .returning({ storeId: disputeSettings.storeId });
  assertUnchanged(
    saved,
    "The legal threshold was changed meanwhile by another owner; reload the page and make your change again.",
    "disputes.errors.thresholdChangedMeanwhile",
  );
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

/**
 * Saves one party's name, contact and notes. `seen`: when the details the form showed were saved
 * (null: none yet); the form sends all three, so a save over another owner's newer ones would put
 * theirs back: it is refused instead.
 */
export async function savePartyContact(
  ctx: StoreContext,
  input: { party: DisputeParty; name: string; contact: string; notes: string },
  options: { seen?: Date | null } = {},
) {
  assertRole(ctx, "owner");
  const values = { name: input.name.trim(), contact: input.contact.trim(), notes: input.notes.trim() };
  const saved = await getDb()
    .insert(disputePartyContacts)
    .values({ storeId: ctx.store.id, party: input.party, ...values, updatedByUserId: ctx.userId })
    .onConflictDoUpdate({
      target: [disputePartyContacts.storeId, disputePartyContacts.party],
      set: { ...values, updatedByUserId: ctx.userId, updatedAt: savedAt(disputePartyContacts.updatedAt) },
      setWhere: unchangedSince(disputePartyContacts.updatedAt, options.seen),
    })
    .returning({ party: disputePartyContacts.party });
  assertUnchanged(
    saved,
    "This party's details were changed meanwhile by another owner; reload the page and make your change again.",
    "disputes.errors.partyChangedMeanwhile",
  );
}
