import { createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

/**
 * next-auth's `decode`, with the key it derives from the secret kept for the process. next-auth
 * runs HKDF over the secret again for every cookie it reads: on a store page that was most of the
 * session check's time, paid by every page. The key depends on the secret alone (the salt is the
 * cookie name's, empty for the session cookie); the token is decrypted and its expiry checked as
 * next-auth does it (A256GCM, 15 seconds of clock tolerance).
 */
let derived: { secret: JWTDecodeParams["secret"]; salt: string; key: KeyObject } | undefined;

function sessionKey(secret: JWTDecodeParams["secret"], salt: string): KeyObject {
  if (derived?.secret !== secret || derived.salt !== salt) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    derived = { secret, salt, key: createSecretKey(Buffer.from(hkdfSync("sha256", secret, salt, info, 32))) };
  }
  return derived.key;
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, sessionKey(secret, salt), { clockTolerance: 15 });
  return payload;
}
