import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { disputes, flashSales } from "@/db/schema";
import { makeProduct } from "@/lib/flash-sales/test-helpers";
import type { StoreContext } from "@/lib/stores/context";
import { legalThresholdOf } from "@/lib/disputes/settings";
import { makeNewYorkStore, makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";

// The forms' actions as a reader who chose Chinese submits them: what the page then shows.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const { saveDisputeAction, saveThresholdAction, setDeadlineAction } = await import("@/app/s/[store]/disputes/actions");
const { saveMemberPricesAction } = await import("@/app/s/[store]/products/actions");
const { createSaleAction, raiseQuantityAction, updateSaleAction } = await import("@/app/s/[store]/flash-sales/actions");
const { createPlanAction, enrolAction, renewAction } = await import("@/app/s/[store]/members/actions");
const { createPlan } = await import("@/lib/memberships/plans");
const { addStaffAction } = await import("@/app/s/[store]/settings/actions");
const { enrolCustomer, renewMembership } = await import("@/lib/memberships/enrolments");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** A wall-clock time in Shanghai (the store's zone) `hours` from now, as datetime-local sends it. */
const storeTime = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);

describe("a refusal of the data layer, as the form shows it", () => {
  let ctx: StoreContext;
  beforeEach(async () => {
    ctx = await makeStore("refusal");
    session.ctx = ctx;
  });

  it("names the link field of a dispute that is not in the store, and marks it", async () => {
    const result = await saveDisputeAction(ctx.store.slug, null, form({
      intent: "draft", type: "malicious_complaint", title: "退货掉包", description: "", amountAtStake: "",
      customerExternalId: "", orderExternalId: "O-NOPE", productExternalId: "", returnExternalId: "",
      counterpartyName: "", counterpartyKind: "other", infringedRight: "", infringingListing: "",
    }));
    expect(result).toEqual({
      ok: false,
      message: "本店找不到订单编号 O-NOPE。",
      fieldErrors: { orderExternalId: ["本店找不到订单编号 O-NOPE。"] },
    });
  });

  it("names every link of a dispute the store does not have at once, and marks each", async () => {
    const result = await saveDisputeAction(ctx.store.slug, null, form({
      intent: "draft", type: "malicious_complaint", title: "退货掉包", description: "", amountAtStake: "",
      customerExternalId: "C-NOPE", orderExternalId: "O-NOPE", productExternalId: "", returnExternalId: "",
      counterpartyName: "", counterpartyKind: "other", infringedRight: "", infringingListing: "",
    }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { customerExternalId: [expect.any(String)], orderExternalId: [expect.any(String)] } });
    const { message } = result as { message: string };
    expect(message).toMatch(/^本店找不到：.*C-NOPE和.*订单编号 O-NOPE。$/);
  });

  const dispute = (fields: Record<string, string>) =>
    form({
      intent: "draft", type: "malicious_complaint", title: "退货掉包", description: "", amountAtStake: "",
      customerExternalId: "", orderExternalId: "", productExternalId: "", returnExternalId: "",
      counterpartyName: "", counterpartyKind: "other", infringedRight: "", infringingListing: "", ...fields,
    });

  it("names every problem of a submitted dispute at once: a field's shape, a link the store lacks and a fact its type needs", async () => {
    // Before, the title came first; fixed, the unknown order; fixed, the missing right.
    const result = await saveDisputeAction(ctx.store.slug, null, dispute({
      intent: "submit", type: "ip_infringement", title: "盗", description: "对方盗用了我们店的主图和详情页文案。",
      orderExternalId: "O-NOPE", counterpartyName: "某某旗舰店",
    }));
    expect(result).toEqual({
      ok: false,
      message: "请检查标出的字段。",
      fieldErrors: {
        title: [expect.stringMatching(/2/)],
        orderExternalId: ["本店找不到订单编号 O-NOPE。"],
        infringedRight: ["提交该维权案件前，请补充：被侵犯的权利。"],
      },
    });
    // Either of two facts marks both fields; a product named but unknown is not also "missing".
    const either = await saveDisputeAction(ctx.store.slug, null, dispute({ intent: "submit", type: "supplier_quality", productExternalId: "P-NOPE" }));
    expect(either).toMatchObject({
      ok: false,
      fieldErrors: {
        productExternalId: ["本店找不到商品编号 P-NOPE。"],
        description: ["提交该维权案件前，请补充：事情经过的描述（至少 10 个字）。"],
        counterpartyName: ["提交该维权案件前，请补充：对方名称。"],
      },
    });
    const complaint = await saveDisputeAction(ctx.store.slug, null, dispute({ intent: "submit", description: "买家以差评威胁要求退款。" }));
    expect(complaint).toEqual({
      ok: false,
      message: "提交该维权案件前，请补充：投诉的客户或其订单。",
      fieldErrors: { customerExternalId: [expect.any(String)], orderExternalId: [expect.any(String)] },
    });
    // A draft may lack facts: saved.
    expect(await saveDisputeAction(ctx.store.slug, null, dispute({}))).toMatchObject({ ok: true });
  });

  it("marks a field that holds a NUL character instead of failing in the database", async () => {
    const result = await saveDisputeAction(ctx.store.slug, null, dispute({ title: "退货\u0000掉包" }));
    expect(result).toEqual({ ok: false, message: "请检查标出的字段。", fieldErrors: { title: ["不能包含U+0000（控制字符或双向文本格式字符）。"] } });
  });

  it("marks a name shown reversed by a bidi override, and a line break in a title, but keeps a description's lines", async () => {
    const reversed = await saveDisputeAction(ctx.store.slug, null, dispute({ counterpartyName: "\u202E店旗官", description: "第一行\n\t第二行" }));
    expect(reversed).toEqual({ ok: false, message: "请检查标出的字段。", fieldErrors: { counterpartyName: ["不能包含U+202E（控制字符或双向文本格式字符）。"] } });
    const twoLines = await saveDisputeAction(ctx.store.slug, null, dispute({ title: "退货\n掉包", description: "第一行\n\t第二行" }));
    expect(twoLines).toEqual({ ok: false, message: "请检查标出的字段。", fieldErrors: { title: ["不能包含U+000A（控制字符或双向文本格式字符）。"] } });
  });

  it("names a forbidden character together with the form's other problems", async () => {
    const result = await saveDisputeAction(ctx.store.slug, null, dispute({ title: "退货\u202E掉包", amountAtStake: "八万" }));
    expect(result).toEqual({
      ok: false,
      message: "请检查标出的字段。",
      fieldErrors: { title: ["不能包含U+202E（控制字符或双向文本格式字符）。"], amountAtStake: ["争议金额不是有效数字，例如 80000 或 80000.50。"] },
    });
    // The domain's own checks run on the rest of the form too.
    const plan = await createPlanAction(ctx.store.slug, null, form({ name: "金\u202E卡", fee: "99.999", lengthDays: "", tier: "gold" }));
    expect(plan).toEqual({
      ok: false,
      message: "请检查标出的字段。",
      fieldErrors: { name: ["不能包含U+202E（控制字符或双向文本格式字符）。"], lengthDays: [expect.any(String)], fee: ["“99.999”不是有效金额。"] },
    });
  });

  it("marks a plan's fee that is not an amount", async () => {
    const result = await createPlanAction(ctx.store.slug, null, form({ name: "金卡", fee: "-5", lengthDays: "365", tier: "gold" }));
    expect(result).toEqual({ ok: false, message: "“-5”不是有效金额。", fieldErrors: { fee: ["“-5”不是有效金额。"] } });
  });

  it("marks the customer of an enrolment whom the store does not have", async () => {
    const plan = await createPlan(ctx, { name: "金卡", fee: 9900, lengthDays: 30, tier: "gold" });
    const result = await enrolAction(ctx.store.slug, null, form({ planId: String(plan.id), customer: "NOPE", feePaid: "" }));
    const message = "本店没有客户“NOPE”（请填写买家 ID 或完整昵称）。";
    expect(result).toEqual({ ok: false, message, fieldErrors: { customer: [message] } });
  });

  it("marks the email of a staff member the store has", async () => {
    const staff = { email: "clerk@refusal.laoke", name: "", password: "clerk-initial-pw" };
    expect(await addStaffAction(ctx.store.slug, null, form(staff))).toMatchObject({ ok: true });
    const twice = await addStaffAction(ctx.store.slug, null, form(staff));
    const message = "clerk@refusal.laoke 已经是本店成员。";
    expect(twice).toEqual({ ok: false, message, fieldErrors: { email: [message] } });
  });

  it("writes a membership's end as the members page does and marks the customer when it refuses a second enrolment, or a renewal recorded meanwhile", async () => {
    const customerId = await storeData(ctx).customer("A", "阿明");
    const plan = await createPlan(ctx, { name: "金卡", fee: 9900, lengthDays: 30, tier: "gold" });
    // Paid from 1 January 2030: until 31 January (08:00 in Shanghai).
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "A" }, new Date("2030-01-01T00:00:00Z"));
    const again = await enrolAction(ctx.store.slug, null, form({ planId: String(plan.id), customer: "A", feePaid: "" }));
    // It said "有效期至 2030-01-31", the API's ISO day.
    const message = "阿明 已是会员，有效期至 2030年1月31日；请改为续费。";
    // The customer's name leads to their membership, where renewing is done.
    const links = [{ text: "阿明", href: `/s/${ctx.store.slug}/customers/${customerId}#membership` }];
    expect(again).toEqual({ ok: false, message, fieldErrors: { customer: [message] }, links });
    // Another tab renewed it (until 2 March) after this page showed "until 31 January".
    await renewMembership(ctx, { membershipId: enrolled.id });
    const renewed = await renewAction(ctx.store.slug, null, form({ membershipId: String(enrolled.id), after: enrolled.endsAt.toISOString() }));
    expect(renewed).toEqual({ ok: false, message: "该会员刚刚已被续费，有效期至 2030年3月2日。只有在顾客另付了一期费用时才需再次续费。" });
  });

  it("marks the amount of a dispute, or the legal threshold, that is not a number", async () => {
    const dispute = await saveDisputeAction(ctx.store.slug, null, form({
      intent: "draft", type: "malicious_complaint", title: "退货掉包", description: "", amountAtStake: "八万",
      customerExternalId: "", orderExternalId: "", productExternalId: "", returnExternalId: "",
      counterpartyName: "", counterpartyKind: "other", infringedRight: "", infringingListing: "",
    }));
    // Refused by the form's schema, as any field is: the field says why.
    expect(dispute).toEqual({
      ok: false,
      message: "请检查标出的字段。",
      fieldErrors: { amountAtStake: ["争议金额不是有效数字，例如 80000 或 80000.50。"] },
    });
    for (const legalThreshold of ["五万", "，", "¥"]) {
      // A lone separator or sign was read as blank, and blank as ¥0: every dispute would go to a lawyer.
      const threshold = await saveThresholdAction(ctx.store.slug, null, form({ legalThreshold }));
      expect(threshold, legalThreshold).toEqual({
        ok: false,
        message: "请输入金额，例如 50000 或 50000.00。",
        fieldErrors: { legalThreshold: ["请输入金额，例如 50000 或 50000.00。"] },
      });
    }
    // A negative one says so, as a negative amount at stake does.
    const negative = await saveThresholdAction(ctx.store.slug, null, form({ legalThreshold: "-5" }));
    expect(negative).toMatchObject({ ok: false, fieldErrors: { legalThreshold: ["法律门槛不能为负数。"] } });
    expect(await legalThresholdOf(getDb(), ctx.store.id)).toBe(5_000_000);
    // Typed as a Chinese input method's full-width mode writes it, it is saved.
    expect(await saveThresholdAction(ctx.store.slug, null, form({ legalThreshold: "８００００" }))).toMatchObject({ ok: true });
    expect(await legalThresholdOf(getDb(), ctx.store.id)).toBe(8_000_000);
  });

  it("names a dispute's negative amount together with its other refusals", async () => {
    const dispute = await saveDisputeAction(ctx.store.slug, null, form({
      intent: "draft", type: "malicious_complaint", title: "退", description: "", amountAtStake: "-100",
      customerExternalId: "", orderExternalId: "", productExternalId: "", returnExternalId: "",
      counterpartyName: "", counterpartyKind: "other", infringedRight: "", infringingListing: "",
    }));
    expect(dispute).toMatchObject({ ok: false, fieldErrors: { title: [expect.any(String)], amountAtStake: ["争议金额不能为负数。"] } });
  });

  it("marks a new deadline that is not a date and time, or not in the future", async () => {
    const empty = await setDeadlineAction(ctx.store.slug, null, form({ disputeId: "1", deadlineAt: " ", reason: "律师要求延期" }));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { deadlineAt: ["此项必填。"] } });
    const unreadable = await setDeadlineAction(ctx.store.slug, null, form({ disputeId: "1", deadlineAt: "2030/07/01 18:00", reason: "律师要求延期" }));
    expect(unreadable).toEqual({ ok: false, message: "请输入期限的日期和时间。", fieldErrors: { deadlineAt: ["请输入期限的日期和时间。"] } });
    const past = await setDeadlineAction(ctx.store.slug, null, form({ disputeId: "1", deadlineAt: storeTime(-2), reason: "律师要求延期" }));
    expect(past).toEqual({ ok: false, message: "新期限必须在将来。", fieldErrors: { deadlineAt: ["新期限必须在将来。"] } });
  });

  it("asks which of the two a new deadline in the hour the clocks repeat is, as the flash-sale forms do, and takes the one chosen", async () => {
    ctx.store.timezone = "Europe/London";
    const filed = await saveDisputeAction(ctx.store.slug, null, form({
      intent: "submit", type: "unfair_platform_treatment", title: "平台冻结货款", description: "平台无故冻结本店货款三十天。", amountAtStake: "",
      customerExternalId: "", orderExternalId: "", productExternalId: "", returnExternalId: "",
      counterpartyName: "", counterpartyKind: "other", infringedRight: "", infringingListing: "",
    }));
    expect(filed).toMatchObject({ ok: true });
    const disputeId = String((filed as { data: { id: number } }).data.id);
    const deadline = async () => (await getDb().select({ deadlineAt: disputes.deadlineAt }).from(disputes).where(eq(disputes.id, Number(disputeId))))[0]!.deadlineAt!.toISOString();
    const before = await deadline();
    // London's clocks go back at 02:00 BST on 27 October 2030: 01:30 comes at 00:30 UTC, then at 01:30 UTC.
    // Neither chosen (the form sends its choice blank until one is): refused at the choice, naming both; the deadline stays.
    // Its day as the page writes days: it said "2030-10-27".
    const asked = "2030年10月27日 01:30 在 Europe/London 时区会出现两次：先是 UTC+01:00，时钟回拨后又是 UTC+00:00。请选择是哪一次。";
    const unchosen = (choice: Record<string, string>) => setDeadlineAction(ctx.store.slug, null, form({ disputeId, deadlineAt: "2030-10-27T01:30", reason: "律师要求延期", ...choice }));
    expect(await unchosen({ deadlineAtOccurrence: "" })).toEqual({ ok: false, message: asked, fieldErrors: { deadlineAtOccurrence: [asked] } });
    // Sent without the choice at all (a script): refused too, never read as one of the two unasked.
    expect(await unchosen({})).toEqual({ ok: false, message: asked });
    expect(await deadline()).toBe(before);
    const set = (occurrence: string) => setDeadlineAction(ctx.store.slug, null, form({ disputeId, deadlineAt: "2030-10-27T01:30", deadlineAtOccurrence: occurrence, reason: "律师要求延期" }));
    expect(await set("second")).toMatchObject({ ok: true });
    expect(await deadline()).toBe("2030-10-27T01:30:00.000Z");
    expect(await set("first")).toMatchObject({ ok: true });
    expect(await deadline()).toBe("2030-10-27T00:30:00.000Z");
    // A time that comes once needs no choice.
    expect(await setDeadlineAction(ctx.store.slug, null, form({ disputeId, deadlineAt: "2030-10-28T01:30", reason: "律师要求延期" }))).toMatchObject({ ok: true });
    expect(await deadline()).toBe("2030-10-28T01:30:00.000Z");
    const slipped = await setDeadlineAction(ctx.store.slug, null, form({ disputeId, deadlineAt: "9999-10-27T01:30", reason: "律师要求延期" }));
    expect(slipped).toMatchObject({ ok: false, fieldErrors: { deadlineAt: [expect.stringContaining("2000")] } });
  });

  it("names the bound of every amount in the reader's locale (¥, not CN¥) at the plan's fee, the threshold, the amount at stake and a member price", async () => {
    const above = "¥100,000,000.00";
    const message = `金额不能超过 ${above}。`;
    const plan = await createPlanAction(ctx.store.slug, null, form({ name: "皇冠卡", fee: "100000000.01", lengthDays: "365", tier: "crown" }));
    expect(plan).toEqual({ ok: false, message, fieldErrors: { fee: [message] } });
    const threshold = await saveThresholdAction(ctx.store.slug, null, form({ legalThreshold: "100,000,001" }));
    expect(threshold).toEqual({ ok: false, message, fieldErrors: { legalThreshold: [message] } });
    const dispute = await saveDisputeAction(ctx.store.slug, null, form({
      intent: "draft", type: "unfair_platform_treatment", title: "平台冻结货款", description: "", amountAtStake: "100000000.01",
      customerExternalId: "", orderExternalId: "", productExternalId: "", returnExternalId: "",
      counterpartyName: "", counterpartyKind: "other", infringedRight: "", infringingListing: "",
    }));
    expect(dispute).toEqual({ ok: false, message, fieldErrors: { amountAtStake: [message] } });
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: null });
    const prices = await saveMemberPricesAction(ctx.store.slug, null, form({
      productId: String(product.id), ordinary: "", silver: "", gold: "", diamond: "", crown: "200000000",
    }));
    expect(prices).toEqual({ ok: false, message: `皇冠会员价：${message}`, fieldErrors: { crown: [`皇冠会员价：${message}`] } });
  });

  it("names the tier whose member price is below the floor, and marks its field", async () => {
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 8_000 });
    const result = await saveMemberPricesAction(ctx.store.slug, null, form({
      productId: String(product.id), ordinary: "", silver: "90", gold: "70", diamond: "", crown: "",
    }));
    expect(result).toEqual({
      ok: false,
      message: "金牌会员价：价格 ¥70.00 低于最低价 ¥80.00。",
      fieldErrors: { gold: ["金牌会员价：价格 ¥70.00 低于最低价 ¥80.00。"] },
    });
  });

  it("marks every tier whose member price the guard refuses, each at its field, and saves none", async () => {
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 8_000 });
    const result = await saveMemberPricesAction(ctx.store.slug, null, form({
      productId: String(product.id), ordinary: "101", silver: "90", gold: "70", diamond: "abc", crown: "",
    }));
    expect(result).toMatchObject({ ok: false, message: "请检查标出的字段。" });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["diamond", "gold", "ordinary"]);
    expect(result.fieldErrors?.gold).toEqual(["价格 ¥70.00 低于最低价 ¥80.00。"]);
    expect(result.fieldErrors?.ordinary?.join("")).toContain("高于原价");
  });

  it("puts each broken flash-sale rule at its field", async () => {
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 3 });
    const result = await createSaleAction(ctx.store.slug, null, form({
      productExternalId: product.externalId, price: "120", quantity: "5", perCustomerLimit: "1",
      startsAt: storeTime(2), endsAt: storeTime(3), earlyAccessTier: "", earlyAccessMinutes: "",
    }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe("请检查标出的字段。");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["price", "quantity"]);
    expect(result.fieldErrors?.price?.join("")).toContain("低于原价");
    expect(result.fieldErrors?.quantity?.join("")).toMatch(/5.*3/);
  });

  it("names the sale an overlap is with by a link to it, its window written as the pages write times", async () => {
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 10 });
    const sale = { productExternalId: product.externalId, price: "90", quantity: "2", perCustomerLimit: "1", earlyAccessTier: "", earlyAccessMinutes: "" };
    const first = await createSaleAction(ctx.store.slug, null, form({ ...sale, startsAt: storeTime(2), endsAt: storeTime(4) }));
    if (!first.ok) throw new Error(first.message);
    const result = await createSaleAction(ctx.store.slug, null, form({ ...sale, startsAt: storeTime(3), endsAt: storeTime(5) }));
    const named = `抢购 #${first.data.id}`;
    // It said "（#4，2026-12-08 10:00 – 2026-12-08 12:00）", the API's wording, and linked nowhere.
    expect(result).toEqual({
      ok: false,
      message: "请检查标出的字段。",
      fieldErrors: { startsAt: [expect.stringMatching(new RegExp(`^此时间与该商品的${named}（\\d{4}年\\d{1,2}月\\d{1,2}日 \\d\\d:\\d\\d(–| 至 \\d{4}年)`))] },
      links: [{ text: named, href: `/s/${ctx.store.slug}/flash-sales/${first.data.id}` }],
    });
  });

  it("takes a sale price with thousands separators, and refuses a decimal the store's currency does not have", async () => {
    const yen = { ...ctx, store: { ...ctx.store, currency: "JPY" } };
    session.ctx = yen;
    const product = await makeProduct(yen, { price: 3_000, floorPrice: 1_000, stock: 5 });
    const sale = { productExternalId: product.externalId, quantity: "2", perCustomerLimit: "1", startsAt: storeTime(2), endsAt: storeTime(3) };
    // Before, 1950.5 yen was quietly rounded to 1951.
    const refused = await createSaleAction(ctx.store.slug, null, form({ ...sale, price: "1,950.5" }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { price: ["“1,950.5”：JPY 价格不能有小数。"] } });
    const created = await createSaleAction(ctx.store.slug, null, form({ ...sale, price: "1,950" }));
    expect(created.ok).toBe(true);
    const [row] = await getDb().select({ price: flashSales.price }).from(flashSales).where(eq(flashSales.productId, product.id));
    expect(row?.price).toBe(1_950);
  });

  it("names a sale's unreadable price together with the rules its other fields break", async () => {
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 3 });
    const sale = { productExternalId: product.externalId, perCustomerLimit: "1", earlyAccessTier: "", earlyAccessMinutes: "" };
    // The price is the schema's to refuse; the stock and the times are the domain's, with the product.
    const result = await createSaleAction(ctx.store.slug, null, form({ ...sale, price: "九十", quantity: "5", startsAt: storeTime(3), endsAt: storeTime(2) }));
    expect(result).toEqual({
      ok: false,
      message: "请检查标出的字段。",
      fieldErrors: {
        price: ["请输入价格，例如 19.90。"],
        quantity: [expect.stringMatching(/5.*3/)],
        endsAt: [expect.stringContaining("开始时间必须早于结束时间")],
      },
    });
    // A product the store does not have, beside times that are the wrong way round: both at once.
    const unknown = await createSaleAction(ctx.store.slug, null, form({ ...sale, productExternalId: "NOPE", price: "90", quantity: "1", startsAt: storeTime(3), endsAt: storeTime(2) }));
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { productExternalId: [expect.stringContaining("NOPE")], endsAt: [expect.any(String)] } });
    expect(Object.keys((unknown as { fieldErrors: object }).fieldErrors).sort()).toEqual(["endsAt", "productExternalId"]);
  });

  it("says when an edited sale ended as the pages write times: in the hour the clock repeats, which of the two", async () => {
    const ny = await makeNewYorkStore("refusal-ny");
    session.ctx = ny;
    const product = await makeProduct(ny, { price: 10_000, floorPrice: 5_000, stock: 10 });
    // Ended at the second 01:30 of the night New York's clocks went back (1 November 2026, EST).
    const [sale] = await getDb()
      .insert(flashSales)
      .values({ storeId: ny.store.id, productId: product.id, price: 9_000, quantity: 2, startsAt: new Date("2026-11-01T04:00:00Z"), endsAt: new Date("2026-11-01T06:30:00Z") })
      .returning({ id: flashSales.id });
    const result = await updateSaleAction(ny.store.slug, null, form({
      saleId: String(sale!.id), price: "90", quantity: "2", perCustomerLimit: "1",
      startsAt: "2026-11-01T00:00", endsAt: "2026-11-01T03:00", earlyAccessTier: "", earlyAccessMinutes: "",
    }));
    // It said "本次抢购已于 2026-11-01 01:30-05:00（America/New_York）结束", the API's wording.
    expect(result).toMatchObject({ ok: false, message: "本次抢购已于 2026年11月1日 01:30（第二次，UTC−05:00） 结束，已结束的抢购不能再修改。" });
  });

  it("writes the day of a sale's time the clock skips as the pages write days", async () => {
    const ny = await makeNewYorkStore("refusal-skip");
    session.ctx = ny;
    const product = await makeProduct(ny, { price: 10_000, floorPrice: 5_000, stock: 10 });
    // New York's clocks go forward from 02:00 to 03:00 on 14 March 2027: 02:30 never comes.
    const result = await createSaleAction(ny.store.slug, null, form({
      productExternalId: product.externalId, price: "90", quantity: "2", perCustomerLimit: "1",
      startsAt: "2027-03-14T02:30", endsAt: "2027-03-14T05:00", earlyAccessTier: "", earlyAccessMinutes: "",
    }));
    // It said "2027-03-14 02:30 在 America/New_York 时区不存在…", the API's ISO day.
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { startsAt: ["2027年3月14日 02:30 在 America/New_York 时区不存在：当天时钟从 02:00 直接拨到 03:00。请另选时间。"] },
    });
  });

  it("refuses a live sale's quantity raised to the number it has, as its field says \"only higher\", not \"Saved.\"", async () => {
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 200 });
    const [sale] = await getDb()
      .insert(flashSales)
      .values({ storeId: ctx.store.id, productId: product.id, price: 9_000, quantity: 120, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) })
      .returning({ id: flashSales.id, updatedAt: flashSales.updatedAt });
    const same = await raiseQuantityAction(ctx.store.slug, null, form({ saleId: String(sale!.id), quantity: "120" }));
    expect(same).toMatchObject({ ok: false, fieldErrors: { quantity: ["抢购已开始：件数只能增加到 120 以上。"] } });
    const [after] = await getDb().select().from(flashSales).where(eq(flashSales.id, sale!.id));
    expect(after).toMatchObject({ quantity: 120, updatedAt: sale!.updatedAt });
    expect(await raiseQuantityAction(ctx.store.slug, null, form({ saleId: String(sale!.id), quantity: "121" }))).toMatchObject({ ok: true });
  });

  it("names an edited sale's blank quantity together with its end before its start", async () => {
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 10 });
    const created = await createSaleAction(ctx.store.slug, null, form({
      productExternalId: product.externalId, price: "90", quantity: "2", perCustomerLimit: "1",
      startsAt: storeTime(2), endsAt: storeTime(3), earlyAccessTier: "", earlyAccessMinutes: "",
    }));
    if (!created.ok) throw new Error(created.message);
    const result = await updateSaleAction(ctx.store.slug, null, form({
      saleId: String(created.data.id), price: "120", quantity: "", perCustomerLimit: "1",
      startsAt: storeTime(3), endsAt: storeTime(2), earlyAccessTier: "", earlyAccessMinutes: "",
    }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { quantity: [expect.any(String)], price: [expect.stringContaining("低于原价")], endsAt: [expect.any(String)] } });
  });

  it("names a plan's taken name and its fee together, beside a field the form refused", async () => {
    await createPlan(ctx, { name: "金卡", fee: 9900, lengthDays: 30, tier: "gold" });
    const result = await createPlanAction(ctx.store.slug, null, form({ name: "金卡", fee: "99.999", lengthDays: "", tier: "gold" }));
    expect(result).toEqual({
      ok: false,
      message: "请检查标出的字段。",
      fieldErrors: { lengthDays: [expect.any(String)], name: ["已有名为“金卡”的方案。"], fee: ["“99.999”不是有效金额。"] },
    });
    // The schema took it all: the two refusals of the store's rules still come together.
    const both = await createPlanAction(ctx.store.slug, null, form({ name: "金卡", fee: "99.999", lengthDays: "30", tier: "gold" }));
    expect(both).toMatchObject({ ok: false, fieldErrors: { name: ["已有名为“金卡”的方案。"], fee: ["“99.999”不是有效金额。"] } });
  });
});
