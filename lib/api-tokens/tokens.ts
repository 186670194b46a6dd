import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { apiTokens, memberships, stores, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertRole, type StoreContext } from "@/lib/stores/context";

// Token text: lk_<storeId>_<43 chars of randomness>. The store id lets every lookup name the
// store; only the sha256 of the whole token is stored.
const TOKEN_PATTERN = /^lk_(\d{1,15})_([A-Za-z0-9_-]{43})$/;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export const tokenNameSchema = text({ min: 1, max: 80 });

/** Creates a token for the store; the plain text is returned here once and never again. */
export async function createApiToken(ctx: StoreContext, nameInput: string, createdByUserId = ctx.userId) {
  assertRole(ctx, "owner");
  // Parsed under its field name, so a refusal says which value it was (the CLI names the flag).
  const { name } = z.object({ name: tokenNameSchema }).parse({ name: nameInput });
  const secret = randomBytes(32).toString("base64url");
  const token = `lk_${ctx.store.id}_${secret}`;
  // Shown in the list to tell tokens apart: the store part and 4 characters of the secret.
  const prefix = `lk_${ctx.store.id}_${secret.slice(0, 4)}`;
  const [row] = await getDb()
    .insert(apiTokens)
    .values({ storeId: ctx.store.id, name, tokenHash: sha256(token), prefix, createdByUserId })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
  return { ...row!, token };
}

/**
 * The store's tokens, newest first, each with who made it and their role here now: a token acts
 * as an owner whoever made it, so one made by someone no longer an owner is worth a look.
 */
export async function listApiTokens(ctx: StoreContext) {
  assertRole(ctx, "owner");
  const rows = await getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      creatorName: users.name,
      creatorEmail: users.email,
      creatorRole: memberships.role,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdByUserId))
    .leftJoin(memberships, and(eq(memberships.storeId, apiTokens.storeId), eq(memberships.userId, apiTokens.createdByUserId)))
    .where(eq(apiTokens.storeId, ctx.store.id))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(({ creatorName, creatorEmail, creatorRole, ...token }) => ({
    ...token,
    // null: made from the command line, which acts as no user.
    createdBy: creatorEmail === null ? null : { name: creatorName || creatorEmail, email: creatorEmail, role: creatorRole },
  }));
}

export async function revokeApiToken(ctx: StoreContext, tokenId: number) {
  assertRole(ctx, "owner");
  const revoked = await getDb()
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.storeId, ctx.store.id), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) throw new AppError("not_found", "No such active token in this store.", "errors.noSuchToken");
}

/** The store a bearer token acts for; it acts with the owner's rights within that store. */
export const authenticateApiToken = reusePlans(async function authenticateApiToken(authorization: string | null): Promise<StoreContext> {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  const parsed = match?.[1]?.match(TOKEN_PATTERN);
  if (!parsed) {
    throw new AppError("unauthorized", "Send a valid API token as `Authorization: Bearer <token>`.", "errors.unauthorized");
  }
  const storeId = Number(parsed[1]);
  const db = getDb();
  const [row] = await db
    .select({
      id: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      store: { id: stores.id, slug: stores.slug, name: stores.name, currency: stores.currency, timezone: stores.timezone },
    })
    .from(apiTokens)
    .innerJoin(stores, eq(stores.id, apiTokens.storeId))
    .where(and(eq(apiTokens.storeId, storeId), eq(apiTokens.tokenHash, sha256(parsed[0])), isNull(apiTokens.revokedAt)));
  if (!row) throw new AppError("unauthorized", "This API token is unknown or has been revoked.", "errors.unauthorized");
  // The last use is kept to the minute: writing it on every request made the token's row one
  // that every request of a busy client queued on (each waiting for the previous one's commit).
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(and(eq(apiTokens.storeId, storeId), eq(apiTokens.id, row.id)));
  }
  const store = row.store;
  return { store, role: "owner", userId: null };
});
