import { randomUUID } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { loginFailures, users } from "@/db/schema";
import { makeStore } from "@/tests/factories";
import { authenticate, LoginError } from "./authenticate";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: unknown) => (error instanceof LoginError ? error.reason : `unexpected: ${String(error)}`),
  );

async function owner() {
  const ctx = await makeStore("auth");
  return { email: `owner-${ctx.store.slug}@test.laoke`, password: "owner-password" };
}

describe("signing in", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const { email, password } = await owner();
    const user = await authenticate(` ${email.toUpperCase()} `, password, "10.0.0.1");
    expect(user.email).toBe(email);
  });

  it("accepts the email as a Chinese input method's full-width mode types it", async () => {
    const { email, password } = await owner();
    const fullWidth = [...email].map((c) => (c === "." ? "。" : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join("");
    expect(fullWidth).toMatch(/^ｏｗｎｅｒ－.+＠ｔｅｓｔ。ｌａｏｋｅ$/);
    expect((await authenticate(`\u3000${fullWidth}`, password, "10.0.0.3")).email).toBe(email);
  });

  it("stores an argon2id hash with at least OWASP's parameters, never the password", async () => {
    const { email } = await owner();
    const [row] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.email, email));
    expect(row?.hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(row?.hash).not.toContain("owner-password");
  });

  it("answers the same for a wrong password and for an unknown account", async () => {
    const { email } = await owner();
    expect(await refusal(authenticate(email, "wrong-password", "10.0.0.2"))).toBe("invalid");
    expect(await refusal(authenticate(`nobody-${randomUUID()}@test.laoke`, "whatever", "10.0.0.2"))).toBe("invalid");
  });

  it("locks an account after 10 failures in 15 minutes, even for the right password, and the same for unknown emails", async () => {
    const { email, password } = await owner();
    for (let i = 0; i < 10; i++) {
      expect(await refusal(authenticate(email, `wrong-${i}`, `10.1.0.${i}`))).toBe("invalid");
    }
    expect(await refusal(authenticate(email, password, "10.1.1.1"))).toBe("locked");

    const ghost = `ghost-${randomUUID()}@test.laoke`;
    for (let i = 0; i < 10; i++) await refusal(authenticate(ghost, "x", `10.2.0.${i}`));
    expect(await refusal(authenticate(ghost, "x", "10.2.1.1"))).toBe("locked");
  });

  it("checks no more than 10 guesses of a burst sent at once", async () => {
    const { email } = await owner();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => refusal(authenticate(email, `guess-${i}`, `10.5.0.${i}`))));
    expect(answers.filter((a) => a === "invalid").length).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a !== "invalid").every((a) => a === "locked")).toBe(true);
  });

  it("lets failures older than 15 minutes lapse", async () => {
    const { email, password } = await owner();
    const old = new Date(Date.now() - 16 * 60 * 1000);
    await getDb()
      .insert(loginFailures)
      .values(Array.from({ length: 10 }, () => ({ key: `account:${email}`, failedAt: old })));
    expect((await authenticate(email, password, "10.3.0.1")).email).toBe(email);
  });

  it("limits one client address across accounts (50 failures)", async () => {
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    await getDb()
      .insert(loginFailures)
      .values(Array.from({ length: 50 }, () => ({ key: `ip:${ip}` })));
    const { email, password } = await owner();
    expect(await refusal(authenticate(email, password, ip))).toBe("locked");
    expect((await authenticate(email, password, "10.9.255.255")).email).toBe(email);
  });

  it("clears the account's failures after a successful sign-in", async () => {
    const { email, password } = await owner();
    for (let i = 0; i < 9; i++) await refusal(authenticate(email, "wrong", "10.4.0.1"));
    await authenticate(email, password, "10.4.0.2");
    const left = await getDb().select().from(loginFailures).where(like(loginFailures.key, `account:${email}`));
    expect(left).toEqual([]);
    // The address's failures stay; the attempt that signed in is not one of them.
    expect(await getDb().select().from(loginFailures).where(like(loginFailures.key, "ip:10.4.0.2"))).toEqual([]);
  });
});
