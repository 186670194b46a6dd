import "server-only";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { getDispute, storeMembers } from "@/lib/disputes/queries";
import type { DisputesTranslator } from "@/lib/disputes/routing-words";
import { partiesDirectory } from "@/lib/disputes/settings";
import type { StoreContext } from "@/lib/stores/context";
import type { PacketInput } from "./packet-html";

/** Everything the case packet shows, addressed to the party the dispute is with (or goes to first). */
export async function loadPacket(ctx: StoreContext, disputeId: number): Promise<PacketInput> {
  const [dispute, directory, members, t, shell, locale, root, format] = await Promise.all([
    getDispute(ctx, disputeId),
    partiesDirectory(ctx),
    storeMembers(ctx),
    getTranslations("disputes"),
    getTranslations("shell"),
    getLocale(),
    getTranslations(),
    getFormatter(),
  ]);
  const party = dispute.currentParty ?? dispute.routing.primary;
  return {
    dispute,
    recipient: directory.find((p) => p.party === party)!,
    storeName: ctx.store.name,
    currency: ctx.store.currency,
    timeZone: ctx.store.timezone,
    locale,
    storeTime: storeTimes(root, format, ctx.store.timezone),
    t: t as unknown as DisputesTranslator,
    shell: (key, values) => shell(key, values),
    names: new Map(members.map((m) => [m.id, m.name || m.email])),
    now: new Date(),
  };
}
