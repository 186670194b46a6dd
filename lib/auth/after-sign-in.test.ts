import { describe, expect, it } from "vitest";
import { afterSignIn } from "./after-sign-in";

describe("where signing in leads", () => {
  it("back to the page of this site that sent the user to sign in", () => {
    expect(afterSignIn("/s/demo/customers?tier=gold#list")).toBe("/s/demo/customers?tier=gold#list");
    expect(afterSignIn(undefined)).toBe("/s");
  });

  it("never to another site, however the link spells it", () => {
    for (const link of ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "\\\\evil.example", "javascript:alert(1)",
      // Same-site to the parser, but written back as "//evil.example", another site's address.
      "/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/./\\evil.example", "http://laoke.invalid//evil.example"]) {
      expect(afterSignIn(link), JSON.stringify(link)).toBe("/s");
    }
  });
});
