import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { normalizeEmail } from "@/lib/validation/users";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearAccountFailures, countLoginAttempt, forgiveAttempt } from "./rate-limit";

/** Why a sign-in was refused; the same answer whether or not the account exists. */
export type LoginRefusal = "invalid" | "locked";

export class LoginError extends Error {
  constructor(readonly reason: LoginRefusal) {
    super(reason);
    this.name = "LoginError";
  }
}

export async function authenticate(
  emailInput: string,
  password: string,
  ip: string | null,
): Promise<{ id: number; email: string; name: string }> {
  const email = normalizeEmail(emailInput);
  // Counted as a failure before the password is checked, and forgiven if it signs in.
  const attempt = await countLoginAttempt(email, ip);
  if (attempt.blocked) throw new LoginError("locked");
  const [user] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) throw new LoginError("invalid");
  await Promise.all([forgiveAttempt(attempt.ids), clearAccountFailures(email)]);
  return { id: user.id, email: user.email, name: user.name };
}
