import { describe, expect, it } from "vitest";
import { clockSkew } from "./clock-skew";

describe("clockSkew", () => {
  const server = Date.parse("2026-12-07T10:00:00Z");

  it("trusts the browser's clock when the gap is only the page's load", () => {
    expect(clockSkew(server, server + 2_500)).toBe(0);
    expect(clockSkew(server, server - 29_999)).toBe(0);
  });

  it("follows the server's clock when the browser's is minutes off either way", () => {
    // The browser is five minutes slow: its times must be moved forward to the server's.
    expect(clockSkew(server, server - 300_000)).toBe(300_000);
    // An hour fast.
    expect(clockSkew(server, server + 3_600_000)).toBe(-3_600_000);
  });
});
