import { describe, expect, it } from "vitest";
import { clientAddress } from "./options";

describe("the client address the sign-in limit counts", () => {
  it("is the one the proxy added, not one the client wrote in front of it", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9" })).toBe("203.0.113.9");
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 5.6.7.8, 203.0.113.9" })).toBe("203.0.113.9");
    expect(clientAddress({})).toBeNull();
  });
});
