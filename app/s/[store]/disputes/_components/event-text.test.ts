import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import type { DisputesTranslator } from "@/lib/disputes/routing-words";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import { eventText } from "./event-text";

const translator = (locale: string, messages: typeof en) => createTranslator({ locale, messages, namespace: "disputes" }) as unknown as DisputesTranslator;
const when = (iso: unknown) => String(iso);
// The members the history names people from: the removed one is no longer among them.
const names = new Map([[7, "Mei"]]);
const nameOf = (id: unknown) => (typeof id === "number" ? (names.get(id) ?? `#${id}`) : "API / command line");
const event = (data: Record<string, unknown>) => ({ kind: "assigned", data }) as unknown as Parameters<typeof eventText>[0];

describe("a dispute's history, as the dispute page and the case packet say it", () => {
  const removed = event({ from: 9, to: null, reason: "member_removed", email: "leaver@shop.laoke" });

  it("says a dispute went back to unassigned because its assignee left the store, naming them by email", () => {
    expect(eventText(removed, translator("en", en), when, nameOf)).toBe("Unassigned: leaver@shop.laoke was removed from the store");
    expect(eventText(removed, translator("zh-CN", zhCN as unknown as typeof en), when, nameOf)).toBe("取消指派：leaver@shop.laoke 已被移出本店");
  });

  it("still says an assignment to someone as before", () => {
    const assigned = event({ from: 9, to: 7 });
    expect(eventText(assigned, translator("en", en), when, nameOf)).toBe("Assigned to Mei");
    expect(eventText(assigned, translator("zh-CN", zhCN as unknown as typeof en), when, nameOf)).toBe("指派给 Mei");
  });
});
