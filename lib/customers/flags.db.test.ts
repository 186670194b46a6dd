import { describe, expect, it } from "vitest";
import { asStaff, makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { customerActivity } from "./activity";
import { clearComplianceFlag, setComplianceFlag } from "./flags";
import { getCustomer } from "./queries";
import { recomputeScores } from "./recompute";
import { saveScoringRules } from "./rules";

async function highValueCustomer() {
  const ctx = await makeStore("flag");
  const d = storeData(ctx);
  // One repeat customer alone in the store: percent ranks 0, so only recency and returns
  // count, (10·100 + 10·100) / 75 = 26.7 — lower the cutoffs so they are gold.
  await d.order("V", "2026-06-01T00:00:00Z", 5000);
  await d.order("V", "2026-06-10T00:00:00Z", 5000);
  const id = await d.customer("V");
  await saveScoringRules(ctx, { cutoffs: { silver: 10, gold: 20, diamond: 30, crown: 40 } });
  await recomputeScores(ctx.store.id);
  return { ctx, id };
}

describe("compliance flags", () => {
  it("lets staff set a flag with a reason, which closes the high-value gate at once, and clear it again", async () => {
    const { ctx, id } = await highValueCustomer();
    const staff = asStaff(ctx);
    expect((await getCustomer(ctx, { id })).isHighValue).toBe(true);

    await setComplianceFlag(staff, id, "confirmed_fraud", "假冒退货,平台已判定");
    expect(await getCustomer(ctx, { id })).toMatchObject({ isHighValue: false, gates: ["compliance_flag"] });
    await expect(setComplianceFlag(staff, id, "confirmed_fraud", "again")).rejects.toMatchObject({ code: "conflict" });

    await clearComplianceFlag(staff, id, "confirmed_fraud", "申诉成功");
    expect(await getCustomer(ctx, { id })).toMatchObject({ isHighValue: true, gates: [] });
    await expect(clearComplianceFlag(staff, id, "confirmed_fraud", "twice")).rejects.toMatchObject({ code: "not_found" });

    const activity = await customerActivity(ctx, id);
    expect(activity.flags).toEqual([]);
    expect(activity.flagEvents.map((e) => [e.action, e.flag, e.reason])).toEqual([
      ["clear", "confirmed_fraud", "申诉成功"],
      ["set", "confirmed_fraud", "假冒退货,平台已判定"],
    ]);
  });

  it("refuses a flag on another store's customer", async () => {
    const { id } = await highValueCustomer();
    const other = await makeStore("flag");
    await expect(setComplianceFlag(other, id, "malicious_complaint", "x")).rejects.toMatchObject({ code: "not_found" });
  });
});
