import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import zh from "@/messages/zh-CN";
import { removedMessage } from "./remove-staff-form";

const said = (locale: string, messages: typeof en, removed: { customersWithoutRep: number; disputesUnassigned: number }) => {
  const t = createTranslator({ locale, messages, namespace: "settings.staff" });
  return removedMessage((key, values) => t(key as never, values as never), "clerk@uk.laoke", removed);
};

describe("the line after a staff member's removal", () => {
  it("says what is left to reassign, only what there is, in both languages", () => {
    // It said "Removed … from this store." and no more, though their customers had lost their rep.
    expect(said("zh-CN", zh, { customersWithoutRep: 0, disputesUnassigned: 0 })).toBe("已将 clerk@uk.laoke 移出本店。");
    expect(said("zh-CN", zh, { customersWithoutRep: 1200, disputesUnassigned: 0 })).toBe("已将 clerk@uk.laoke 移出本店。其负责的 1,200 位客户现在没有专属客服，需重新分配。");
    expect(said("zh-CN", zh, { customersWithoutRep: 0, disputesUnassigned: 2 })).toBe("已将 clerk@uk.laoke 移出本店。指派给其的 2 件未结维权案件已退回未指派，需重新指派。");
    expect(said("zh-CN", zh, { customersWithoutRep: 3, disputesUnassigned: 1 })).toBe(
      "已将 clerk@uk.laoke 移出本店。其负责的 3 位客户现在没有专属客服，指派给其的 1 件未结维权案件已退回未指派，均需重新分配。",
    );
    expect(said("en", en, { customersWithoutRep: 0, disputesUnassigned: 0 })).toBe("Removed clerk@uk.laoke from this store.");
    expect(said("en", en, { customersWithoutRep: 1, disputesUnassigned: 0 })).toBe("Removed clerk@uk.laoke from this store. 1 customer has no dedicated rep until you assign another.");
    expect(said("en", en, { customersWithoutRep: 0, disputesUnassigned: 2 })).toBe(
      "Removed clerk@uk.laoke from this store. 2 open disputes assigned to them went back to unassigned for you to reassign.",
    );
    expect(said("en", en, { customersWithoutRep: 3, disputesUnassigned: 1 })).toBe(
      "Removed clerk@uk.laoke from this store. 3 customers have no dedicated rep until you assign another, and 1 open dispute assigned to them went back to unassigned.",
    );
  });
});
