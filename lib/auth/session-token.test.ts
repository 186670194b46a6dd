import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./session-token";

const secret = "a-test-secret-of-some-length";

describe("decodeSessionToken", () => {
  it("reads next-auth's session cookie as next-auth's own decode does", async () => {
    const token = await encode({ token: { uid: 7, sid: "s-1" }, secret });
    const ours = await decodeSessionToken({ token, secret });
    expect(ours).toMatchObject({ uid: 7, sid: "s-1" });
    expect(ours).toEqual(await decode({ token, secret }));
    // The key kept from the first call is the same one a second call uses.
    expect(await decodeSessionToken({ token, secret })).toEqual(ours);
  });

  it("refuses a token made with another secret, an expired one, and none", async () => {
    const other = await encode({ token: { uid: 7, sid: "s-1" }, secret: "another-secret-entirely" });
    await expect(decodeSessionToken({ token: other, secret })).rejects.toThrow();
    const expired = await encode({ token: { uid: 7, sid: "s-1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });

  it("derives a salted token's key from its salt, as next-auth does", async () => {
    const token = await encode({ token: { uid: 8 }, secret, salt: "other-cookie" });
    expect(await decodeSessionToken({ token, secret, salt: "other-cookie" })).toMatchObject({ uid: 8 });
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow();
  });
});
