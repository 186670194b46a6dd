import { expect, expectFits, expectScrollsSideways, maxLines, storageState, tableRegion, test } from "./fixtures";

// The imports page: the owner uploads a CSV, follows its progress and reads its result; staff
// cannot open the page.

const header = "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice";

/** A small canonical orders file with ids no other spec uses (unique per run of the test). */
function ordersCsv(tag: string, rows?: string[]) {
  return [
    header,
    ...(rows ?? [
      `E2E-${tag}-1,E2E-${tag}-C1,网页买家,2026-05-01 10:00:00,paid,false,E2E-${tag}-P1,网页商品,2,59.90`,
      `E2E-${tag}-1,E2E-${tag}-C1,网页买家,2026-05-01 10:00:00,paid,false,E2E-${tag}-P2,网页商品二,1,12.00`,
      `E2E-${tag}-2,E2E-${tag}-C2,另一位买家,2026-05-02 11:30:00,paid,true,E2E-${tag}-P1,网页商品,1,59.90`,
    ]),
  ].join("\n");
}

test.describe("importing on the imports page", () => {
  test.use({ storageState: storageState("owner") });

  test("the owner imports a canonical orders CSV and sees the progress and the counts; the same file again changes nothing", async ({ page }) => {
    const tag = Date.now().toString(36);
    const fileName = `e2e-orders-${tag}.csv`;
    await page.goto("/s/demo/imports");
    const uploader = page.getByRole("region", { name: "开始导入" });

    const upload = async () => {
      await page.getByLabel("CSV 文件").setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(ordersCsv(tag)) });
      await page.getByRole("combobox", { name: "数据类型" }).selectOption({ label: "订单" });
      await page.getByRole("combobox", { name: "格式" }).selectOption("canonical");
      await page.getByRole("button", { name: "开始导入" }).click();
    };

    await upload();
    const progress = uploader.getByTestId("import-progress");
    await expect(progress).toBeVisible();
    await expect(uploader.getByTestId("import-status")).toHaveText("已完成", { timeout: 60_000 });
    await expect(progress).toHaveAttribute("max", "3");
    await expect(progress).toHaveAttribute("value", "3");
    await expect(uploader).toContainText("已处理 3 / 3 行");
    const result = uploader.getByTestId("import-result");
    await expect(result.getByTestId("count-orders")).toHaveText("订单：新增 2，更新 0");
    await expect(result.getByTestId("count-customers")).toHaveText("客户：新增 2，更新 0");
    await expect(result.getByTestId("count-products")).toHaveText("商品：新增 2，更新 0");
    await expect(result.getByTestId("import-took")).toHaveText(/^用时 \d+\.\d 秒（每秒 [\d,]+ 行）。$/);
    // The history lists it, done.
    const row = page.getByTestId("import-row").filter({ hasText: fileName });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("已完成");
    // Its kind and format read as one phrase, not two names glued with " · ".
    await expect(row.getByTestId("import-kind")).toHaveText("订单（标准格式）");
    await expect(row.getByTestId("import-took")).toHaveText(/^用时 \d+\.\d 秒（每秒 [\d,]+ 行）。$/);
    // Its row count is a number column, right-aligned under a header on one line; the file's
    // name is not broken mid-word by the wide result beside it.
    await expect(row.getByTestId("import-rows")).toHaveText("3");
    await expect(row.getByTestId("import-rows")).toHaveCSS("text-align", "right");
    const rowsHeader = page.getByRole("columnheader", { name: "行数" });
    await expect(rowsHeader).toHaveCSS("text-align", "right");
    // Polled: the row comes in with the page's refresh, and was once measured as it was laid out.
    await expect.poll(() => maxLines(rowsHeader)).toBe(1);
    await expect.poll(() => maxLines(row.getByTestId("import-file"))).toBe(1);

    await upload();
    await expect(uploader.getByTestId("import-status")).toHaveText("已完成", { timeout: 60_000 });
    await expect(uploader.getByTestId("import-result")).toContainText("没有任何变化（这些数据已导入过）。");
    await expect(page.getByTestId("import-row").filter({ hasText: fileName })).toHaveCount(2);

    // Between a phone and a desktop the history scrolls in its box, which the keyboard reaches and scrolls.
    await page.setViewportSize({ width: 660, height: 800 });
    const history = tableRegion(page, "导入记录");
    await expectScrollsSideways(history);
    await history.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => history.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  });

  test("a file with a bad row fails whole and shows the row, column and reason; with skipping, the good rows land", async ({ page }) => {
    const tag = Date.now().toString(36);
    const csv = ordersCsv(tag, [
      `E2E-${tag}-1,E2E-${tag}-C1,网页买家,2026-05-01 10:00:00,paid,false,E2E-${tag}-P1,网页商品,2,59.90`,
      `E2E-${tag}-2,E2E-${tag}-C1,网页买家,2026-05-01 10:00:00,shipped,false,E2E-${tag}-P1,网页商品,1,59.90`,
    ]);
    await page.goto("/s/demo/imports");
    const uploader = page.getByRole("region", { name: "开始导入" });
    await page.getByLabel("CSV 文件").setInputFiles({ name: `bad-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(uploader.getByTestId("import-status")).toHaveText("失败", { timeout: 60_000 });
    // No full progress bar beside "failed", and no rate of the page's own beside the result's.
    await expect(uploader.getByTestId("import-progress")).toHaveCount(0);
    await expect(uploader).toContainText("已处理 2 / 2 行");
    await expect(uploader).not.toContainText("行 · 每秒");
    const result = uploader.getByTestId("import-result");
    // In the page's language; the API's answer for the same import stays in English.
    await expect(result).toContainText("1 行无效，没有导入任何数据。");
    await expect(result).toContainText("第 3 行 status 列：“shipped”不是可选值（paid, cancelled）之一");
    // The downloadable report says the same, in the same language.
    const report = await page.request.get((await result.getByRole("link", { name: "下载错误报告（CSV）" }).getAttribute("href"))!);
    expect(await report.text()).toBe("\uFEFF行,列,原因\r\n3,status,\"“shipped”不是可选值（paid, cancelled）之一\"\r\n");
    // A screen reader hears why, not "failed" alone.
    await expect(uploader.getByTestId("import-announcer")).toHaveText("失败：1 行无效，没有导入任何数据。");
    // In the history, each import's report link says whose it is: they were all "下载错误报告（CSV）".
    const past = page.getByTestId("import-row").filter({ hasText: `bad-${tag}.csv` });
    await expect(past.getByRole("link", { name: new RegExp(`^下载错误报告（CSV）：bad-${tag}\\.csv，2\\d{3}年.+ 导入$`) })).toHaveAttribute("href", /\/errors$/);

    await page.getByLabel("跳过无效行（列出原因），导入其余行").check();
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(uploader.getByTestId("import-status")).toHaveText("已完成", { timeout: 60_000 });
    await expect(uploader.getByTestId("import-result").getByTestId("count-orders")).toHaveText("订单：新增 1，更新 0");
    await expect(uploader.getByTestId("import-result")).toContainText("第 3 行 status 列：“shipped”不是可选值（paid, cancelled）之一");
  });
});

test.describe("a file the import cannot read past its header or a line", () => {
  test.use({ storageState: storageState("owner") });

  // The page read "lacks 2 columns … (see row 1)" over "Row 1, column status: missing columns:
  // status, groupBuy; …", and "not readable CSV: record 2 is longer…" over "Row 2: record 2 is longer…".
  test("is said once, in the file's message, in either language, with no row listed under it", async ({ page }) => {
    const tag = Date.now().toString(36);
    const lacking = ordersCsv(tag).split("\n").map((line) => line.split(",").filter((_, i) => i !== 4 && i !== 5).join(","));
    const present = "orderExternalId, customerExternalId, customerName, placedAt, productExternalId, productName, quantity, unitPrice";
    await page.goto("/s/demo/imports");
    const uploader = page.getByRole("region", { name: "开始导入" });
    const result = uploader.getByTestId("import-result");
    const upload = async (name: string, content: string) => {
      await page.getByLabel("CSV 文件").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
      await page.getByRole("button", { name: "开始导入" }).click();
      await expect(uploader.getByTestId("import-status")).toHaveText("失败", { timeout: 60_000 });
    };

    await upload(`lacking-${tag}.csv`, lacking.join("\n"));
    await expect(result).toHaveText(`文件表头（第 1 行）缺少所选类型和格式需要的 2 列：status, groupBuy，没有导入任何数据。表头现有的列为 ${present}。`);
    await expect(result.getByTestId("import-error")).toHaveCount(0);

    await upload(`long-${tag}.csv`, `${header}\nE2E-${tag}-9,C1,${"长".repeat(1_100_000)},2026-05-01 10:00:00,paid,false,P1,x,1,1\n`);
    await expect(result).toHaveText("文件不是可读的 CSV，没有导入任何数据：第 2 条记录超过 1,048,576 个字符。");
    await expect(result.getByTestId("import-error")).toHaveCount(0);

    await page.getByRole("button", { name: "English" }).click();
    const past = page.getByTestId("import-row").filter({ hasText: `lacking-${tag}.csv` });
    await expect(past.getByTestId("import-result")).toHaveText(
      `The file's header (row 1) lacks the columns status, groupBuy, which the kind and format picked need; nothing was imported. The header's columns are ${present}.`,
    );
    await expect(past.getByTestId("import-error")).toHaveCount(0);
    // The merchant is told that nothing of the file was kept, in English too.
    await expect(page.getByTestId("import-row").filter({ hasText: `long-${tag}.csv` }).getByTestId("import-result")).toHaveText(
      "The file is not readable CSV, so nothing was imported: record 2 is longer than 1,048,576 characters.",
    );
  });
});

test.describe("the imports page's upload refusals", () => {
  test.use({ storageState: storageState("owner") });

  test("are in the page's language", async ({ page }) => {
    const upload = (query: string) =>
      page.request.post(`/s/demo/imports/upload?${query}`, { data: ordersCsv("lang"), headers: { "content-type": "text/csv" } });
    const wrongKind = await upload("kind=returns&format=online-retail&fileName=x.csv");
    expect(wrongKind.status()).toBe(422);
    expect((await wrongKind.json()).error.message).toBe("online-retail 格式只包含订单：请选择“订单”类型导入。");
    const noKind = await upload("format=canonical&fileName=x.csv");
    expect(noKind.status()).toBe(400);
    expect((await noKind.json()).error.message).toBe("请选择数据类型、格式和文件。");
  });

  test("say what went wrong with the file or the upload, not 'choose a file'", async ({ page }) => {
    await page.goto("/s/demo/imports");
    const uploader = page.getByRole("region", { name: "开始导入" });
    // No file chosen, from the keyboard: the page's own words under the file field, which takes the
    // keyboard, in its language, not the browser's bubble.
    await page.getByRole("button", { name: "开始导入" }).focus();
    await page.keyboard.press("Enter");
    await expect(uploader.getByTestId("file-reason")).toHaveText("请选择一个文件。");
    await expect(page.getByLabel("CSV 文件")).toHaveAccessibleDescription("请选择一个文件。");
    await expect(page.getByLabel("CSV 文件")).toBeFocused();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Start import" }).press("Enter");
    await expect(page.getByRole("region", { name: "Start import" }).getByTestId("file-reason")).toHaveText("Choose a file first.");
    await page.getByRole("button", { name: "中文" }).click();

    await page.getByLabel("CSV 文件").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(uploader.getByTestId("file-reason")).toHaveText("这个文件是空的。");

    // The connection drops during the upload: the page names the file, says why and that it must
    // be picked again (its field is emptied, the keyboard on it); the other choices are kept.
    const file = page.getByLabel("CSV 文件");
    const kind = page.getByRole("combobox", { name: "数据类型" });
    const format = page.getByRole("combobox", { name: "格式" });
    const skip = page.getByLabel("跳过无效行（列出原因），导入其余行");
    await page.route("**/imports/upload?**", (route) => route.abort("connectionfailed"));
    await file.setInputFiles({ name: "orders-net.csv", mimeType: "text/csv", buffer: Buffer.from(ordersCsv("net")) });
    await skip.check();
    await page.getByRole("button", { name: "开始导入" }).click();
    const failed = uploader.getByTestId("upload-failed");
    await expect(failed).toHaveRole("alert");
    await expect(failed).toHaveText(
      "“orders-net.csv”没有上传成功。文件没有传到服务器，请检查网络后重试。请重新选择这个文件，再开始导入；数据类型、格式和是否跳过无效行都已保留。",
    );
    await expect(file).toBeFocused();
    await expect(file).toHaveJSProperty("value", "");
    await expect(file).toHaveAttribute("aria-invalid", "true");
    await expect(kind).toHaveValue("orders");
    await expect(skip).toBeChecked();
    await expect(page.getByRole("button", { name: "开始导入" })).toBeEnabled();
    await page.unroute("**/imports/upload?**");

    // The server refuses it (the Online Retail format holds orders alone): its reason, with the file's name.
    await kind.selectOption("returns");
    await format.selectOption("online-retail");
    await file.setInputFiles({ name: "returns.csv", mimeType: "text/csv", buffer: Buffer.from(ordersCsv("refused")) });
    await expect(failed).toHaveCount(0);
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(failed).toHaveText(
      "“returns.csv”没有上传成功。online-retail 格式只包含订单：请选择“订单”类型导入。请重新选择这个文件，再开始导入；数据类型、格式和是否跳过无效行都已保留。",
    );
    await expect(kind).toHaveValue("returns");
    await expect(format).toHaveValue("online-retail");
    await expect(skip).toBeChecked();

    // Picked again, with the right kind and format: the import runs, its progress and result show.
    await kind.selectOption("orders");
    await format.selectOption("canonical");
    await file.setInputFiles({ name: "orders-net.csv", mimeType: "text/csv", buffer: Buffer.from(ordersCsv(`net-${Date.now().toString(36)}`)) });
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(uploader.getByTestId("import-status")).toHaveText("已完成", { timeout: 60_000 });
    await expect(failed).toHaveCount(0);
    await expect(uploader).toContainText("已处理 3 / 3 行");
    await expect(uploader.getByTestId("import-result").getByTestId("count-orders")).toHaveText("订单：新增 2，更新 0");
  });
});

test.describe("the upload form on a phone", () => {
  test.use({ storageState: storageState("owner"), viewport: { width: 390, height: 800 } });

  test("shows the file button as a button and the chosen format whole, in English too", async ({ page }) => {
    await page.goto("/s/demo/imports");
    const file = page.getByLabel("CSV 文件");
    // The base styles took the button's border and background: "Choose File" read as plain text.
    const button = () => file.evaluate((input) => {
      const style = getComputedStyle(input, "::file-selector-button");
      return { border: style.borderTopWidth, background: style.backgroundColor };
    });
    expect(await button()).toEqual({ border: "1px", background: "rgb(255, 255, 255)" });
    await page.getByRole("button", { name: "English" }).click();
    const format = page.getByRole("combobox", { name: "Format" });
    await expect(format).toHaveValue("canonical");
    // "Canonical (headers are the API's field n" was all a phone showed of it.
    const room = await format.evaluate((select: HTMLSelectElement) => {
      const style = getComputedStyle(select);
      const text = document.createElement("span");
      text.style.font = style.font;
      text.style.whiteSpace = "pre";
      text.textContent = select.selectedOptions[0]!.text;
      document.body.append(text);
      const width = text.getBoundingClientRect().width;
      text.remove();
      // Less its padding and the arrow's 20 px.
      return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20 - width;
    });
    expect(room).toBeGreaterThan(0);
  });
});

test.describe("on a phone", () => {
  test.use({ storageState: storageState("owner"), viewport: { width: 390, height: 800 } });

  // The history's five columns put each import's status and result off the screen, behind a sideways scroll.
  test("each past import's status and result are read without scrolling sideways, its time, kind and rows under its name", async ({ page }) => {
    const tag = Date.now().toString(36);
    await page.goto("/s/demo/imports");
    const uploader = page.getByRole("region", { name: "开始导入" });
    const upload = async (name: string, buffer: Buffer, status: string) => {
      await page.getByLabel("CSV 文件").setInputFiles({ name, mimeType: "text/csv", buffer });
      await page.getByRole("button", { name: "开始导入" }).click();
      await expect(uploader.getByTestId("import-status")).toHaveText(status, { timeout: 60_000 });
    };
    await upload(`phone-${tag}.csv`, Buffer.from(ordersCsv(tag)), "已完成");
    // A photo named .csv: refused as not text, once, with no row counted in it (its line breaks
    // read "已处理 0 / 63 行") and no row's error.
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...Array.from({ length: 64 }, (_, i) => Buffer.from(`\u0001\u0002${i}\n`))]);
    await upload(`photo-${tag}.csv`, photo, "失败");
    const notText = "这个文件不是文本文件，因此不是 CSV（看起来像图片、压缩包或其他程序的文件），没有导入任何数据。请把数据导出为 CSV UTF-8 格式后导入该文件。";
    await expect(uploader.getByTestId("import-result")).toHaveText(notText);
    await expect(uploader).not.toContainText(/已处理 0 \/ \d+ 行/);

    const history = tableRegion(page, "导入记录", "Past imports");
    const box = (await history.boundingBox())!;
    // It does not scroll, so it is not said to (it was "导入记录：表格，可左右滚动"), nor a tab stop.
    await expectFits(history);
    await expect(history).toHaveAccessibleName("导入记录：表格");
    for (const [name, status, result, details] of [
      [`phone-${tag}.csv`, "已完成", "订单：新增 2，更新 0", /^2\d{3}年.+订单（标准格式）3 行$/],
      [`photo-${tag}.csv`, "失败", notText, /^2\d{3}年.+订单（标准格式）0 行$/],
    ] as const) {
      const row = page.getByTestId("import-row").filter({ hasText: name });
      const outcome = row.getByTestId("import-outcome");
      await expect(outcome).toContainText(status);
      await expect(outcome).toContainText(result);
      const cell = (await outcome.boundingBox())!;
      expect(cell.x + cell.width).toBeLessThanOrEqual(box.x + box.width);
      // Its result has room to be read: at least half of the table's width, not a column of a few characters.
      expect(cell.width).toBeGreaterThan(box.width / 2);
      await expect(row.getByTestId("import-file-details")).toHaveText(details);
    }

    // In English too, whose words are longer; on a desktop, a column each again.
    await page.getByRole("button", { name: "English" }).click();
    const row = page.getByTestId("import-row").filter({ hasText: `phone-${tag}.csv` });
    await expect(row.getByTestId("import-file-details")).toHaveText(/^\w{3} \d+, 2\d{3}.+Orders \(canonical\)3 rows$/);
    await expectFits(history);
    await expect(history).toHaveAccessibleName("Past imports: table");
    // Wide enough for its columns, not for them all: it scrolls, and says so again.
    await page.setViewportSize({ width: 660, height: 800 });
    await expect(history).toHaveAccessibleName("Past imports: table, scrolls sideways");
    await expectScrollsSideways(history);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(row.getByTestId("import-file-details")).toBeHidden();
    await expect(row.getByTestId("import-kind")).toHaveText("Orders (canonical)");
    await expect(page.getByRole("columnheader", { name: "When" })).toBeVisible();
  });
});

test.describe("the canonical headers", () => {
  test.use({ storageState: storageState("owner") });

  test("break between columns, never inside a column's name, and read as the file's header line", async ({ page }) => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/s/demo/imports");
      await page.getByText("标准格式的表头：").click();
      const orders = page.getByTestId("headers-orders");
      // Copied from the page, it is the header line the file needs.
      await expect(orders).toHaveText(header);
      // Each column name's text lies on one line (break-all cut "unitPrice" into "unitPri" and "ce").
      const split = await orders.evaluate((code) => {
        const names: string[] = [];
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) names.push(node.textContent ?? "");
        }
        return names;
      });
      expect(split, `at ${width} px`).toEqual([]);
    }
  });
});

test.describe("staff and the imports page", () => {
  test.use({ storageState: storageState("staff") });

  test("staff get 403 on the imports page and on its upload", async ({ page }) => {
    const response = await page.goto("/s/demo/imports");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "403 · 无权访问" })).toBeVisible();
    await expect(page.getByLabel("CSV 文件")).toHaveCount(0);
    const upload = await page.request.post("/s/demo/imports/upload?kind=orders&format=canonical&fileName=x.csv", {
      data: ordersCsv("staff"),
      headers: { "content-type": "text/csv" },
    });
    expect(upload.status()).toBe(403);
  });
});
