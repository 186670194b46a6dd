import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, memberships, orders, products, returns, stores } from "@/db/schema";
import {
  assignDispute,
  commentOnDispute,
  escalateDispute,
  fileDispute,
  resolveDispute,
  routeDispute,
  startReview,
} from "@/lib/disputes/commands";
import { addEvidence } from "@/lib/disputes/evidence";
import { savePartyContact } from "@/lib/disputes/settings";
import type { StoreContext } from "@/lib/stores/context";

const DAY = 86_400_000;

/**
 * Gives the demo store a handful of disputes in different states, each with its history: an
 * overdue one, an escalated one, resolved ones, a draft, and a buyer whose fourth complaint
 * flags them as a repeat complainant. Runs through the domain commands, so the data is what
 * the app itself would have recorded.
 */
export async function seedDisputes(storeId: number, now = new Date()) {
  const db = getDb();
  const [store] = await db.select().from(stores).where(eq(stores.id, storeId));
  const members = await db.select().from(memberships).where(eq(memberships.storeId, storeId)).orderBy(asc(memberships.userId));
  const owner = members.find((m) => m.role === "owner");
  const staff = members.find((m) => m.role === "staff") ?? owner;
  if (!store || !owner || !staff) return { disputes: 0 };
  const base = { id: store.id, slug: store.slug, name: store.name, currency: store.currency, timezone: store.timezone };
  const asOwner: StoreContext = { store: base, role: "owner", userId: owner.userId };
  const asStaff: StoreContext = { store: base, role: "staff", userId: staff.userId };
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  // A customer with a completed return and their order, and the store's best-selling product.
  const [returned] = await db
    .select({ returnId: returns.externalId, customerId: customers.externalId, orderId: orders.externalId })
    .from(returns)
    .innerJoin(customers, and(eq(customers.storeId, returns.storeId), eq(customers.id, returns.customerId)))
    .leftJoin(orders, and(eq(orders.storeId, returns.storeId), eq(orders.id, returns.orderId)))
    .where(and(eq(returns.storeId, storeId), eq(returns.status, "completed")))
    .orderBy(asc(returns.id))
    .limit(1);
  const [product] = await db.select({ externalId: products.externalId }).from(products).where(eq(products.storeId, storeId)).orderBy(sql`${products.price} desc`).limit(1);
  if (!returned || !product) return { disputes: 0 };

  await savePartyContact(asOwner, { party: "platform", name: "拼多多商家客服 · 维权专线", contact: "商家后台 → 违规申诉", notes: "申诉需附订单截图与物流记录" });
  await savePartyContact(asOwner, { party: "ip_protection_agency", name: "浙江省知识产权保护中心", contact: "0571-0000-0000", notes: "" });

  let count = 0;
  // Three earlier complaints by the same buyer…
  for (const [days, title] of [[80, "差评威胁要求全额退款"], [55, "收货后投诉“商品与描述不符”索要赔偿"], [30, "恶意投诉客服态度，要求补偿"]] as const) {
    const c = await fileDispute(asStaff, { type: "malicious_complaint", title, description: "买家在商品完好的情况下以差评和平台投诉相要挟，要求退款或赔偿。", amountAtStake: 12_900, customerExternalId: returned.customerId }, { now: ago(days) });
    await startReview(asStaff, c.id, { now: ago(days - 1) });
    await routeDispute(asStaff, c.id, { now: ago(days - 1) });
    await resolveDispute(asStaff, c.id, { outcome: "won", summary: "平台核实聊天记录后驳回投诉。" }, { now: ago(days - 4) });
    count++;
  }
  // …so their fake return now goes to the consumer protection agency right after the platform; overdue.
  const fake = await fileDispute(
    asStaff,
    { type: "fake_return", title: "退货包裹为空盒", description: "买家申请退货退款，退回的包裹内只有泡沫，没有商品。已拍摄开箱视频。", amountAtStake: 45_800, returnExternalId: returned.returnId, customerExternalId: returned.customerId },
    { now: ago(10) },
  );
  await startReview(asStaff, fake.id, { now: ago(9) });
  await routeDispute(asStaff, fake.id, { now: ago(9) });
  await addEvidence(asStaff, fake.id, { fileName: "开箱记录.txt", body: new TextEncoder().encode("开箱时间：收到退货当天 14:05\n包裹重量：0.12 kg（发货时 0.85 kg）\n内容物：泡沫填充物，无商品\n") }, { now: ago(9) });
  count++;

  // An IP case escalated from the agency to the platform, with a lawyer to follow (¥80,000 at stake).
  const ip = await fileDispute(
    asStaff,
    { type: "ip_infringement", title: "同款茶杯盗用我店原创主图", description: "某店铺使用我店拍摄的主图和详情页销售仿制茶杯，外观设计已申请专利。", amountAtStake: 8_000_000, infringedRight: "外观设计专利 ZL2024 3 0123456.7；原创商品图片", infringingListing: "https://mobile.yangkeduo.com/goods.html?goods_id=0000000000", counterparty: { name: "某仿款店铺", kind: "competitor" } },
    { now: ago(14) },
  );
  await assignDispute(asOwner, ip.id, staff.userId, { now: ago(14) });
  await startReview(asStaff, ip.id, { now: ago(13) });
  await routeDispute(asStaff, ip.id, { now: ago(13) });
  await commentOnDispute(asStaff, ip.id, "保护中心答复需补充专利证书扫描件，已补交。", { now: ago(9) });
  await escalateDispute(asStaff, ip.id, { now: ago(4) });
  count++;

  // A counterfeit accusation just submitted: the 15-day counter-notice clock runs.
  await fileDispute(asStaff, { type: "counterfeit_accusation", title: "品牌代理投诉我店正品为假货", description: "平台转来投诉通知，称该商品为假货。我店有品牌授权书和进货发票。", amountAtStake: 2_000_000, productExternalId: product.externalId, counterparty: { name: "品牌授权代理商", kind: "rights_holder" } }, { now: ago(1) });
  count++;
  // A settled supplier case, and a draft still being written.
  const supplier = await fileDispute(asOwner, { type: "supplier_quality", title: "供应商批次漏水", description: "同一批次电水壶接缝漏水，买家集中退货。", amountAtStake: 360_000, productExternalId: product.externalId, counterparty: { name: "义乌某五金厂", kind: "supplier" } }, { now: ago(40) });
  await startReview(asOwner, supplier.id, { now: ago(39) });
  await resolveDispute(asOwner, supplier.id, { outcome: "settled", summary: "供应商同意承担退货运费并补发新批次。" }, { now: ago(33) });
  await fileDispute(asStaff, { type: "brand_authorization", title: "品牌方称授权已过期", description: "", amountAtStake: 0 }, { now: ago(0), draft: true });
  count += 2;
  return { disputes: count };
}
