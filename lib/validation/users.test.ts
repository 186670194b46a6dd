import { describe, expect, it } from "vitest";
import { addStaffSchema, normalizeEmail } from "./users";

describe("an email", () => {
  it("is read as ASCII when a Chinese input method typed it full-width, with its ideographic full stops as dots", () => {
    expect(normalizeEmail("ｏｗｎｅｒ＠ｅｘａｍｐｌｅ．ｃｏｍ")).toBe("owner@example.com");
    expect(normalizeEmail("\u3000Owner@Example。COM ")).toBe("owner@example.com");
    expect(normalizeEmail("ｏｗｎｅｒ＠ｅｘａｍｐｌｅ｡ｃｏｍ")).toBe("owner@example.com");
  });

  it("is taken by the staff form so, and still refused when it is none", () => {
    expect(addStaffSchema.parse({ email: "ｃｌｅｒｋ＠ｅｘａｍｐｌｅ．ｃｏｍ", password: "long-enough" }).email).toBe("clerk@example.com");
    expect(addStaffSchema.safeParse({ email: "ｃｌｅｒｋ＠", password: "long-enough" }).success).toBe(false);
  });
});
