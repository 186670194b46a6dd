import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ImportView } from "@/lib/imports/view";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import { errorsOfFirstGroups } from "@/lib/imports/error-summary";
import { ImportResult } from "./import-result";

const render = (job: ImportView, listedErrors?: number, locale: "zh-CN" | "en" = "zh-CN") =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "en" ? en : zhCN,
      timeZone: "Asia/Shanghai",
      children: createElement(ImportResult, { job, errorsHref: "/s/demo/imports/7/errors", listedErrors }),
    }),
  );

const refused = (errorCount: number, listed: number) =>
  ({
    id: 7, status: "failed", processedRows: 1_600, totalRows: 1_600, skippedRows: 0, ignoredRows: 0, counts: null, message: null,
    errorCount, errors: Array.from({ length: listed }, (_, i) => ({ row: i + 2, column: "quantity", message: "0 小于 1" })),
    startedAt: null, finishedAt: null,
  }) as unknown as ImportView;

describe("an import's refused rows, as the page lists them", () => {
  it("says how many it shows of how many, and that the report keeps only the first when the import did", () => {
    // Twenty-five reasons, each its own: the first twenty are listed.
    const distinct = (errorCount: number, listed: number) => {
      const job = refused(errorCount, listed);
      return { ...job, errors: job.errors.map((e, i) => ({ ...e, message: `“q${i}”不是整数` })) } as ImportView;
    };
    expect(render(distinct(1_500, 1_000))).toContain("此处显示 1,500 条原因中的 20 条，错误报告列出前 1,000 条。修正这些行后重新导入，即可看到其余的。");
    expect(render(distinct(300, 300))).toContain("此处显示 300 条原因中的 20 条，错误报告列出全部。");
    expect(render(distinct(5, 5))).not.toContain("此处显示");
    // One reason for every listed row is one line, which shows every listed row.
    expect(render(refused(1_500, 1_000))).toContain("此处显示 1,500 条原因中的 1,000 条，错误报告列出前 1,000 条。");
    expect(render(refused(300, 300))).not.toContain("此处显示");
  });

  it("shows the same with only the errors of the reasons it shows, told how many the import kept (the history page)", () => {
    // 1,000 kept of 1,500, over 40 reasons whose rows lie all over the file.
    const job = refused(1_500, 1_000);
    const spread = { ...job, errors: job.errors.map((e, i) => ({ ...e, message: `“q${i % 40}”不是整数` })) } as ImportView;
    const whole = render(spread);
    expect(whole).toContain("错误报告列出前 1,000 条");
    expect(render({ ...spread, errors: errorsOfFirstGroups(spread.errors) }, spread.errors.length)).toBe(whole);
  });

  it("says a reason given for many rows once, naming its rows, not a line a row", () => {
    const html = render(refused(300, 300));
    expect(html.match(/<li/g)).toHaveLength(1);
    expect(html).toContain("第 2–301 行 quantity 列：0 小于 1");
    const scattered = { ...refused(7, 7), errors: [2, 4, 6, 8, 10, 12, 14].map((row) => ({ row, message: "列数不对" })) } as unknown as ImportView;
    expect(render(scattered)).toContain("第 2、4、6、8、10 行及其他 2 行：列数不对");
  });

  it("names each row and column in one phrase, with a Chinese colon", () => {
    expect(render(refused(1, 1))).toContain("第 2 行 quantity 列：0 小于 1");
  });

  it("tells a file with a header alone from one whose rows were all here already", () => {
    const succeeded = (processedRows: number) => ({ ...refused(0, 0), status: "succeeded", processedRows, counts: {} }) as unknown as ImportView;
    expect(render(succeeded(0))).toContain("文件只有表头，没有数据行，没有可导入的内容。");
    expect(render(succeeded(12))).toContain("没有任何变化（这些数据已导入过）。");
  });

  it("does not call a file whose every row was skipped 'already imported'", () => {
    const skipped = { ...refused(2, 2), status: "succeeded", processedRows: 2, skippedRows: 2, counts: {} } as unknown as ImportView;
    const html = render(skipped);
    expect(html).not.toContain("这些数据已导入过");
  });

  // It said "every row was left out", and (past the report's first rows) "fix those rows", of
  // what: not that the rows were invalid, nor that the whole file is to be imported again.
  it("says a file whose every row was invalid imported nothing for that, and what to do, in either language", () => {
    const invalid = { ...refused(2, 2), status: "succeeded", processedRows: 2, skippedRows: 2, ignoredRows: 0, counts: {} } as unknown as ImportView;
    expect(render(invalid)).toContain("每一行都无效，因此没有导入任何数据。请按下方原因修正这些行（错误报告中列有这些行），然后重新导入该文件。");
    expect(render(invalid, undefined, "en")).toContain(
      "Every row is invalid, so nothing was imported. Fix the rows below (the error report lists them) and import the file again.",
    );
    // Left out by the format's rules, every one of them: no row to fix.
    const ignored = { ...invalid, errors: [], errorCount: 0, ignoredRows: 2 } as ImportView;
    expect(render(ignored)).toContain("每一行都按格式规则被略过，因此没有导入任何数据。");
    expect(render(ignored)).not.toContain("修正");
    // Some of each.
    expect(render({ ...invalid, ignoredRows: 1 } as ImportView, undefined, "en")).toContain(
      "Every row was invalid or left out by the format&#x27;s rules, so nothing was imported. Fix the invalid rows below",
    );
  });
});
