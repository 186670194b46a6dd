import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pointsEntryKinds } from "@/db/schema/pricing";
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

  it("name no key twice in one object (JSON.parse keeps the last: a customer's id went missing so)", () => {
    for (const file of fs.readdirSync("messages", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"))) {
      expect(keysTwice(fs.readFileSync(path.join("messages", file), "utf8")), file).toEqual([]);
    }
  });

  it("write ID in capitals, as the members page does (\"Customer ID C0001\", \"Order ID\", not \"Customer id\")", () => {
    // The CSV exports' column names are lower case throughout ("customer id", "tier").
    const withoutCsv = (node: unknown): unknown =>
      typeof node === "object" && node !== null
        ? Object.fromEntries(Object.entries(node).filter(([key]) => key !== "csv").map(([key, value]) => [key, withoutCsv(value)]))
        : node;
    expect(leaves(withoutCsv(en) as object).filter((m) => /\bids?\b/.test(m.replace(/\{[^}]*\}/g, "")))).toEqual([]);
  });

  it("have no empty message", () => {
    expect(leaves(en).filter((m) => m.trim() === "")).toEqual([]);
    expect(leaves(zhCN).filter((m) => m.trim() === "")).toEqual([]);
  });

  it("take the same arguments (and tags) in both languages, plural and select branches included", () => {
    const argumentsByKey = (tree: object) =>
      Object.fromEntries(
        keys(tree).map((key) => {
          const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
          return [key, argumentsOf(String(text))];
        }),
      );
    expect(argumentsByKey(zhCN)).toEqual(argumentsByKey(en));
  });

  it("write Chinese with full-width punctuation: no half-width comma, colon or bracket beside a Chinese character", () => {
    const halfWidth = /[\p{Script=Han}][,:;?!()]|[,:;?!()][\p{Script=Han}]/u;
    const mixed = keys(zhCN).filter((key) => {
      const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN);
      return literalsOf(String(text)).some((literal) => halfWidth.test(literal));
    });
    expect(mixed).toEqual([]);
  });

  it("write Chinese with full-width punctuation beside arguments and Latin words too (\"确定移除 {email}？\", \"导出 CSV（{count}）\")", () => {
    const halfWidth = /[,;?!()]/;
    const mixed = keys(zhCN).filter((key) => {
      const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN);
      const literals = literalsOf(String(text));
      return /\p{Script=Han}/u.test(literals.join("")) && literals.some((literal) => halfWidth.test(literal));
    });
    expect(mixed).toEqual([]);
  });

  it("write in Chinese as a number (digits grouped) every argument English counts with a plural", () => {
    // "29798 积分" stood beside "3,921,813" on the dashboard: a bare {points} is not formatted.
    const bare = keys(en).flatMap((key) => {
      const text = (tree: object) => String(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree));
      const counted = pluralArguments(text(en));
      return bareArguments(text(zhCN))
        .filter((name) => counted.includes(name))
        .map((name) => `${key} {${name}}`);
    });
    expect(bare).toEqual([]);
    const pricing = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "pricing" });
    expect(pricing("points.balance", { points: 29798 })).toBe("29,798 积分");
    expect(pricing("errors.notEnoughPoints", { balance: 1200, points: 5000 })).toBe("可用积分只有 1,200，无法扣除 5,000。");
    expect(pricing("errors.notEnoughPoints", { balance: 0, points: 5000 })).toBe("没有可用积分，无法扣除 5,000。");
    const dashboard = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "dashboard" });
    expect(dashboard("flash.unitsAndRevenue", { units: 1234, revenue: "¥8.00" })).toMatch(/^1,234 件/);
    // Given a number, not a string already formatted: "1,234" made the English plural "NaN units".
    const english = createTranslator({ locale: "en", messages: en, namespace: "dashboard" });
    expect(english("flash.unitsAndRevenue", { units: 1234, revenue: "CN¥8.00" })).toMatch(/^1,234 units/);
  });

  it("write a {count} as a number in both languages, with a plural or not: \"新订单：1234\" stood under grouped counts", () => {
    const bare = (tree: object) => keys(tree).filter((key) => bareArguments(String(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree))).includes("count"));
    expect(bare(en)).toEqual([]);
    expect(bare(zhCN)).toEqual([]);
    const zh = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "care" });
    expect([zh("newOrders", { count: 1234 }), zh("newReturns", { count: 1234 }), zh("newReviews", { count: 1234 })]).toEqual(["新订单：1,234", "退换货：1,234", "评价：1,234"]);
    const english = createTranslator({ locale: "en", messages: en, namespace: "care" });
    expect(english("newOrders", { count: 1234 })).toBe("New orders: 1,234");
  });

  it("write a Chinese ellipsis as two (……): \"查询客户价格…\" had one", () => {
    const lone = keys(zhCN).filter((key) => {
      const text = String(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN));
      // After a Chinese word; an elided code ("ZL2023…") keeps its one.
      return /\p{Script=Han}…(?!…)|\p{Script=Han}\.\.\./u.test(text);
    });
    expect(lone).toEqual([]);
  });

  it("name every kind of points entry the customer page lists", () => {
    for (const messages of [en, zhCN]) {
      const kinds = (messages as unknown as { pricing: { points: { kind: Record<string, string> } } }).pricing.points.kind;
      expect(Object.keys(kinds).sort()).toEqual([...pointsEntryKinds].sort());
    }
  });

  it("count in the reader's language: no \"1 days ago\" or \"0 days ago\"", () => {
    const english = createTranslator({ locale: "en", messages: en, namespace: "customers" });
    expect([0, 1, 2].map((days) => english("recencyDays", { days }))).toEqual(["today", "1 day ago", "2 days ago"]);
    expect([1, 1234].map((count) => english("showing", { count }))).toEqual(["1 customer on this page", "1,234 customers on this page"]);
    const chinese = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "customers" });
    expect([0, 1, 12].map((days) => chinese("recencyDays", { days }))).toEqual(["今天", "1 天前", "12 天前"]);
    const imports = createTranslator({ locale: "en", messages: en, namespace: "imports" });
    expect(imports("skipped", { n: 1 })).toBe("1 row skipped:");
    expect(imports("progress", { processed: 1500, total: 2000, rate: 750 })).toBe("1,500 of 2,000 rows · 750 rows/s");
    const counts = { b: (name: string) => name, table: "Orders", created: 18536, updated: 2 };
    expect(imports.markup("counts", counts)).toBe("Orders: 18,536 new, 2 updated");
    expect(createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "imports" }).markup("counts", { ...counts, table: "订单" })).toBe("订单：新增 18,536，更新 2");
    const pricing = createTranslator({ locale: "en", messages: en, namespace: "pricing" });
    expect([1, 2].map((points) => pricing("points.balance", { points }))).toEqual(["1 point", "2 points"]);
    expect(pricing("errors.notEnoughPoints", { balance: 1, points: 5 })).toBe("Only 1 point is available; 5 cannot be taken.");
    // Not "Only 0 points are available".
    expect(pricing("errors.notEnoughPoints", { balance: 0, points: 5 })).toBe("No points are available; 5 cannot be taken.");
    expect([1, 100].map((rate) => pricing("points.redeemHelp", { rate, value: "£1.00" }))).toEqual([
      "1 point makes a coupon of £1.00.",
      "100 points make a coupon of £1.00.",
    ]);
    expect(english("noneInWindow", { customers: 1, window: "the last 365 days" })).toBe(
      "The store's only customer has no paid order in the scoring window (the last 365 days), so they are not scored or ranked yet.",
    );
    const dashboard = createTranslator({ locale: "en", messages: en, namespace: "dashboard" });
    expect(dashboard("flash.unitsAndRevenue", { units: 1, revenue: "CN¥8.00" })).toBe("1 unit, CN¥8.00");
  });

  it("group the digits of a flash sale's quantities and stock in its refusals: not \"件数 100000 超过库存 462\"", () => {
    const zh = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "flashSales.rules" });
    expect(zh("quantityAboveStock", { quantity: 100000, stock: 1462 })).toBe("件数 100,000 超过库存 1,462。");
    expect(zh("raiseAboveStock", { extra: 2500, stock: 1200 })).toBe("增加 2,500 件超过了库存 1,200。");
    expect(zh("quantityNotRaised", { quantity: 1200 })).toBe("抢购已开始：件数只能增加到 1,200 以上。");
    const english = createTranslator({ locale: "en", messages: en, namespace: "flashSales.rules" });
    expect(english("quantityAboveStock", { quantity: 100000, stock: 1462 })).toBe("The quantity 100,000 is more than the 1,462 in stock.");
    expect(english("raiseAboveStock", { extra: 2500, stock: 1200 })).toBe("Raising the quantity by 2,500 needs more than the 1,200 in stock.");
  });

  it("say where a product's stock is set when it has none: products an import brought in have a stock of 0", () => {
    const zh = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "flashSales.rules" });
    expect(zh("quantityAboveStock", { quantity: 10, stock: 0 })).toBe("该商品库存为 0：请先在商品页设置库存。");
    const english = createTranslator({ locale: "en", messages: en, namespace: "flashSales.rules" });
    expect(english("quantityAboveStock", { quantity: 10, stock: 0 })).toBe("The product has none in stock: set its stock on the products page first.");
  });

  it("group the digits of the counts in headings, buttons and pagers, as the tables beside them do", () => {
    // "有效会员（1343）" over a table of "1,343"; "导出 CSV（1916）"; "第 1–50 条，共 1234 条".
    const zh = createTranslator({ locale: "zh-CN", messages: zhCN });
    expect(zh("flashSales.exportCsv", { count: 1916 })).toBe("导出 CSV（1,916）");
    expect(zh("flashSales.moreInCsv", { shown: 1000, count: 1916 })).toBe("显示前 1,000 位，共 1,916 位；CSV 包含全部。");
    expect(zh("pricing.members.active", { count: 1343 })).toBe("有效会员（1,343）");
    expect(zh("pricing.products.pageOf", { page: 1000, pages: 1200 })).toBe("第 1,000 / 1,200 页");
    expect(zh("disputes.queue.showing", { from: 1001, to: 1050, total: 1234 })).toBe("第 1,001–1,050 条，共 1,234 条");
    // One of one is no range: "第 1–1 场，共 1 场" said it twice.
    expect(zh("disputes.queue.showing", { from: 1, to: 1, total: 1 })).toBe("共 1 条");
    expect(zh("flashSales.past.range", { from: 1, to: 1, total: 1 })).toBe("共 1 场");
    expect(zh("flashSales.past.range", { from: 51, to: 60, total: 60 })).toBe("第 51–60 场，共 60 场");
    expect(zh("disputes.queue.openCount", { count: 1200 })).toBe("处理中：1,200");
    expect(zh("disputes.queue.overdueCount", { count: 1200 })).toBe("已逾期：1,200");
    expect(zh.rich("care.queueMore", { count: 1522, link: (text) => `[${String(text)}]` })).toBe("还有 1,522 位有新动态：请在[列表]中查看全部。");
    expect(zh("care.reason", { product: "苹果", count: 1234 })).toBe("与「苹果」一起被 1,234 位客户购买");
    expect(zh("pricing.productChoice", { name: "苹果", price: "¥9.90", floor: "¥6.90", stock: 12000 })).toBe("苹果 — ¥9.90（最低价 ¥6.90，库存 12,000）");
    // A file over the import limit: "文件超过导入上限 536870912 字节" was a number no one reads at a glance.
    expect(zh("errors.fileTooLarge", { max: 536870912 })).toBe("文件超过导入上限 536,870,912 字节。");
    const english = createTranslator({ locale: "en", messages: en });
    expect(english("flashSales.exportCsv", { count: 1916 })).toBe("Export CSV (1,916)");
    expect(english("disputes.queue.showing", { from: 1001, to: 1050, total: 1234 })).toBe("Disputes 1,001–1,050 of 1,234");
    expect(english.rich("care.queueMore", { count: 1522, link: (text) => `[${String(text)}]` })).toBe("1,522 more with news: see them all in [the list].");
  });
});

/** The text of a message around its arguments (ICU syntax left out), branch by branch. */
function literalsOf(message: string): string[] {
  const found: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) found.push(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return found;
}

/** The arguments a message counts with a plural, in any branch. */
function pluralArguments(message: string): string[] {
  const names: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.plural) names.push(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return names;
}

/** The arguments a message writes as they are given ({points}, not {points, number}), in any branch. */
function bareArguments(message: string): string[] {
  const names: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.argument) names.push(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return names;
}

/** A message's arguments and tags by name, read with the ICU parser (a syntax error fails the test). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

/** The keys that appear twice in one object of a JSON text, as `path.key`. */
function keysTwice(text: string): string[] {
  const twice: string[] = [];
  // One entry per open object (its keys so far, and its own key) or array (null).
  const stack: ({ keys: Set<string>; name: string } | null)[] = [];
  let lastKey = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{") stack.push({ keys: new Set(), name: lastKey });
    else if (c === "[") stack.push(null);
    else if (c === "}" || c === "]") stack.pop();
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      i = end;
      const top = stack.at(-1);
      if (top && /^\s*:/.test(text.slice(end + 1, end + 20))) {
        if (top.keys.has(value)) twice.push([...stack.map((s) => s?.name ?? "[]").slice(1), value].join("."));
        top.keys.add(value);
        lastKey = value;
      }
    }
  }
  return twice;
}

