import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The customer page's orders table as a reader who chose Chinese sees it.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const { ActivityTable } = await import("./activity-table");

describe("the latest orders on a customer's page", () => {
  it("says how many it shows and links to all of them, with no space after the Chinese full stop", async () => {
    const html = renderToStaticMarkup(
      await ActivityTable({
        title: "订单",
        headers: ["下单时间", "编号"],
        numeric: [],
        idColumn: 1,
        rows: [["2026年12月8日 01:06", "O1"]],
        total: 23,
        testId: "orders",
        seeAllHref: "/s/demo/customers/1/orders",
      }),
    );
    expect(html).toMatch(/显示最近 1 条，共 23 条。<a [^>]*>查看全部 23 条<\/a>/);
  });
});
