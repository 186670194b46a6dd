import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { makeStore } from "@/tests/factories";
import { inChinese } from "@/tests/in-chinese";
import { disputeSettingsFor, partiesDirectory, savePartyContact, setLegalThreshold } from "./settings";

const refusalOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AppError);
const platformOf = async (ctx: Awaited<ReturnType<typeof makeStore>>) => (await partiesDirectory(ctx)).find((p) => p.party === "platform")!;

describe("the parties directory saved from a page opened before another save", () => {
  it("refuses the stale form of a party instead of putting back the contact another owner changed", async () => {
    const ctx = await makeStore("party-stale");
    // Two owners open the directory before the platform has any details: both forms are empty.
    const [first, second] = [await platformOf(ctx), await platformOf(ctx)];
    expect(first.updatedAt).toBeNull();
    await savePartyContact(ctx, { party: "platform", name: "Tmall service", contact: "400-800-0000", notes: "" }, { seen: first.updatedAt });

    const refused = await refusalOf(savePartyContact(ctx, { party: "platform", name: "", contact: "", notes: "Ask for Li" }, { seen: second.updatedAt }));
    expect(refused).toMatchObject({ code: "conflict", key: "disputes.errors.partyChangedMeanwhile" });
    expect(refused!.message).toBe("This party's details were changed meanwhile by another owner; reload the page and make your change again.");
    expect(inChinese(refused!.key!)).toBe("该方的联系信息刚被其他店主修改过；请刷新页面后重新修改。");
    const now = await platformOf(ctx);
    expect(now).toMatchObject({ name: "Tmall service", contact: "400-800-0000", notes: "" });

    // Reloaded, the note goes in beside the contact; a page of another party is not stale.
    await savePartyContact(ctx, { party: "platform", name: "Tmall service", contact: "400-800-0000", notes: "Ask for Li" }, { seen: now.updatedAt });
    expect(await platformOf(ctx)).toMatchObject({ contact: "400-800-0000", notes: "Ask for Li" });
    await savePartyContact(ctx, { party: "lawyer", name: "Zhang & Partners", contact: "", notes: "" }, { seen: null });
    // The page that showed the platform before the note is refused now.
    expect(await refusalOf(savePartyContact(ctx, { party: "platform", name: "X", contact: "", notes: "" }, { seen: now.updatedAt }))).toMatchObject({
      key: "disputes.errors.partyChangedMeanwhile",
    });
    expect((await platformOf(ctx)).name).toBe("Tmall service");
  });

  it("refuses a stale legal threshold, and takes one from the page as it stands", async () => {
    const ctx = await makeStore("threshold-stale");
    const [first, second] = [await disputeSettingsFor(ctx), await disputeSettingsFor(ctx)];
    expect(first).toEqual({ legalThreshold: 5_000_000, updatedAt: null });
    await setLegalThreshold(ctx, 2_000_000, "en", { seen: first.updatedAt });

    const refused = await refusalOf(setLegalThreshold(ctx, 8_000_000, "en", { seen: second.updatedAt }));
    expect(refused).toMatchObject({ code: "conflict", key: "disputes.errors.thresholdChangedMeanwhile" });
    expect(refused!.message).toBe("The legal threshold was changed meanwhile by another owner; reload the page and make your change again.");
    expect(inChinese(refused!.key!)).toBe("法律门槛刚被其他店主修改过；请刷新页面后重新修改。");
    const now = await disputeSettingsFor(ctx);
    expect(now.legalThreshold).toBe(2_000_000);

    await setLegalThreshold(ctx, 8_000_000, "en", { seen: now.updatedAt });
    expect((await disputeSettingsFor(ctx)).legalThreshold).toBe(8_000_000);
    expect(await refusalOf(setLegalThreshold(ctx, 1, "en", { seen: now.updatedAt }))).toMatchObject({ key: "disputes.errors.thresholdChangedMeanwhile" });
    expect((await disputeSettingsFor(ctx)).legalThreshold).toBe(8_000_000);
  });
});
