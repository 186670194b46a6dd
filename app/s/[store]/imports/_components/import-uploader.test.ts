import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import type { ImportView } from "@/lib/imports/view";
import zhCN from "@/messages/zh-CN";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {} }) }));
const { ImportProgress, ImportUploader, importAnnouncement } = await import("./import-uploader");

const t = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "imports" }) as unknown as (key: string, values?: Record<string, string>) => string;
const render = (element: React.ReactElement) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "zh-CN", messages: zhCN, timeZone: "Asia/Shanghai", children: element }));
const job = (status: ImportView["status"], processedRows: number) =>
  ({ id: 7, status, processedRows, totalRows: 20_000, counts: null, message: null, errors: [], errorCount: 0 }) as unknown as ImportView;

describe("an import's progress, as a screen reader follows it", () => {
  it("announces the status when it changes, not every count of rows", () => {
    const ticks = [job("running", 1_500), job("running", 9_000), job("running", 17_500)].map((j) => importAnnouncement(t, "running", j));
    expect(new Set(ticks)).toEqual(new Set(["导入中"]));
    expect(importAnnouncement(t, "idle", { ...job("succeeded", 20_000), counts: { orders: { created: 9_000, updated: 0 } } })).toBe("已完成");
    expect(importAnnouncement(t, "uploading", null)).toBe("正在上传……");
  });

  // "失败" alone: the listener had to go looking for the reason among the page's text.
  it("says at the end why an import failed, or what else its result says", () => {
    const failed = { ...job("failed", 3), message: "1 行无效，没有导入任何数据。" } as ImportView;
    expect(importAnnouncement(t, "idle", failed)).toBe("失败：1 行无效，没有导入任何数据。");
    const notRecomputed = { ...job("succeeded", 3), message: "已导入，但未能重新评分：请在客户页面重新评分。" } as ImportView;
    expect(importAnnouncement(t, "idle", notRecomputed)).toBe("已完成：已导入，但未能重新评分：请在客户页面重新评分。");
    // "已完成" alone for a file of which nothing landed.
    const allSkipped = { ...job("succeeded", 3), skippedRows: 3, ignoredRows: 0, counts: {} } as ImportView;
    expect(importAnnouncement(t, "idle", allSkipped)).toBe(
      "已完成：每一行都无效，因此没有导入任何数据。请按下方原因修正这些行（错误报告中列有这些行），然后重新导入该文件。",
    );
    expect(importAnnouncement(t, "idle", { ...allSkipped, skippedRows: 0 })).toBe("已完成：没有任何变化（这些数据已导入过）。");
    expect(importAnnouncement(t, "idle", { ...allSkipped, processedRows: 0, skippedRows: 0 })).toBe("已完成：文件只有表头，没有数据行，没有可导入的内容。");
  });

  it("says the rows are being saved once every row is read, not a rate that falls with each poll", () => {
    const html = render(createElement(ImportProgress, { job: job("running", 20_000), rate: 4_000, base: "/s/demo/imports" }));
    expect(html).toContain("已读取 20,000 / 20,000 行 · 正在保存并重新评分……");
    expect(html).not.toContain("每秒");
    expect(render(createElement(ImportProgress, { job: job("running", 9_000), rate: 750, base: "/s/demo/imports" }))).toContain("已处理 9,000 / 20,000 行 · 每秒 750 行");
  });

  it("counts no rows of a file refused before one was read", () => {
    const refused = { ...job("failed", 0), totalRows: null, message: "这个文件不是文本文件……" } as ImportView;
    const html = render(createElement(ImportProgress, { job: refused, rate: 0, base: "/s/demo/imports" }));
    expect(html).toContain("这个文件不是文本文件……");
    expect(html).not.toContain("已处理");
    // A file read to a bad row still says how far it got.
    expect(render(createElement(ImportProgress, { job: { ...refused, processedRows: 2, totalRows: 2 }, rate: 0, base: "/s/demo/imports" }))).toContain("已处理 2 / 2 行");
  });

  it("keeps the bar and the counts out of any live region", () => {
    const html = render(createElement(ImportProgress, { job: job("running", 9_000), rate: 750, base: "/s/demo/imports" }));
    expect(html).toContain("9,000");
    expect(html).not.toMatch(/aria-live|role="status"|role="alert"/);
  });

  it("has its one live region on the page before anything is announced", () => {
    const html = render(createElement(ImportUploader, { base: "/s/demo/imports" }));
    expect(html.match(/role="status"/g)).toHaveLength(1);
    expect(html).not.toContain("aria-live");
  });
});
