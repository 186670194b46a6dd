import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === "object" && value !== null ? leaves(value) : [String(value)]));
}

describe("message catalogues", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it("have no empty message", () => {
    expect(leaves(en).filter((m) => m.trim() === "")).toEqual([]);
    expect(leaves(zhCN).filter((m) => m.trim() === "")).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (tree: object) =>
      Object.fromEntries(
        keys(tree).map((key) => {
          const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
          return [key, [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()];
        }),
      );
    expect(placeholders(zhCN)).toEqual(placeholders(en));
  });
});
