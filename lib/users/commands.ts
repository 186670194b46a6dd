import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { memberships, repAssignments, users, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { unassignRemovedMember, type Clock } from "@/lib/disputes/commands";
import { AppError } from "@/lib/errors";
import { assertRole, assertUser, type StoreContext } from "@/lib/stores/context";
import { addStaffSchema, email as emailSchema, password as passwordSchema } from "@/lib/validation/users";

/**
 * Creates the user (or finds them by email) and gives them `role` in the store. An existing
 * user keeps their password. Answers whether the user was created.
 */
export async function ensureUserWithRole(input: {
  storeId: number;
  email: string;
  password: string;
  name?: string;
  role: Role;
}): Promise<{ userId: number; created: boolean; roleChanged: boolean }> {
  // Parsed under their field names, so a refusal says which value it was (the CLI names the flag).
  // The name as the staff form takes it: `user create --name` stored a line break, a bidi
  // override or 10,000 characters as they came.
  const { email, name } = z.object({ email: emailSchema, name: addStaffSchema.shape.name }).parse({ email: input.email, name: input.name ?? "" });
  const db = getDb();
  let [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  let created = false;
  if (!user) {
    const { password } = z.object({ password: passwordSchema }).parse({ password: input.password });
    const passwordHash = await hashPassword(password);
    [user] = await db
      .insert(users)
      .values({ email, name: name || email.split("@")[0]!, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    created = true;
  }
  if (!user) throw new Error(`Could not create the user ${email}`);
  const [before] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.storeId, input.storeId), eq(memberships.userId, user.id)));
  // A store without an owner can no longer import, set prices or manage its people.
  if (before?.role === "owner" && input.role !== "owner") {
    const [owners] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.storeId, input.storeId), eq(memberships.role, "owner")));
    if ((owners?.n ?? 0) <= 1) {
      throw new AppError("conflict", `${email} is the store's only owner: make another user owner first.`, "errors.lastOwner", { email });
    }
  }
  await db
    .insert(memberships)
    .values({ storeId: input.storeId, userId: user.id, role: input.role })
    .onConflictDoUpdate({ target: [memberships.storeId, memberships.userId], set: { role: input.role } });
  return { userId: user.id, created, roleChanged: before?.role !== input.role };
}

/** Owner adds a staff member with an initial password (an existing account keeps its own). */
export async function addStaff(ctx: StoreContext, input: z.input<typeof addStaffSchema>) {
  assertRole(ctx, "owner");
  const values = addStaffSchema.parse(input);
  const db = getDb();
  const [existing] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.storeId, ctx.store.id), eq(users.email, values.email)));
  if (existing) {
    // At its field: the form marks the email and takes the keyboard back to it.
    throw new AppError("conflict", `${values.email} is already a member of this store.`, "errors.alreadyMember", { email: values.email }, [
      { path: "email", message: "already a member" },
    ]);
  }
  return ensureUserWithRole({ storeId: ctx.store.id, ...values, role: "staff" });
}

/**
 * Owner removes a staff member from the store (not the account, which may belong to other stores).
 * Answers how many customers lost them as their rep and how many open disputes went back to
 * unassigned, for the owner to reassign.
 */
export async function removeStaff(ctx: StoreContext, userId: number, options: Clock = {}) {
  assertRole(ctx, "owner");
  if (userId === assertUser(ctx)) {
    throw new AppError("invalid", "You cannot remove yourself.", "errors.cannotRemoveSelf");
  }
  return getDb().transaction(async (tx) => {
    // Locked first: a rep assignment made meanwhile waits for the removal, and is not left uncounted.
    const member = and(eq(memberships.storeId, ctx.store.id), eq(memberships.userId, userId), eq(memberships.role, "staff"));
    const [found] = await tx.select({ userId: memberships.userId }).from(memberships).where(member).for("update");
    if (!found) throw new AppError("not_found", "No such staff member in this store.", "errors.noSuchStaff");
    // Their dedicated customers go with the membership; their open disputes go back to unassigned.
    const repsRemoved = await tx
      .delete(repAssignments)
      .where(and(eq(repAssignments.storeId, ctx.store.id), eq(repAssignments.userId, userId)))
      .returning({ customerId: repAssignments.customerId });
    await tx.delete(memberships).where(member);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const disputesUnassigned = await unassignRemovedMember(tx, ctx, { userId, email: user!.email }, options.now);
    return { customersWithoutRep: repsRemoved.length, disputesUnassigned };
  });
}

export async function listMembers(ctx: StoreContext) {
  assertRole(ctx, "owner");
  return getDb()
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.storeId, ctx.store.id))
    .orderBy(asc(memberships.role), asc(users.email));
}
