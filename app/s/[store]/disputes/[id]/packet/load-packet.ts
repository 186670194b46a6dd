import "server-only";
import { createFormatter, createTranslator } from "use-intl/core";
import { getLocale } from "@/lib/i18n/server";
import { catalogues } from "@/lib/i18n/catalogues";
import { toLocale, type Locale, type Translate } from "@/lib/i18n/locales";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { getDispute, storeMembers } from "@/lib/disputes/queries";
import { partiesDirectory } from "@/lib/disputes/settings";
import type { StoreContext } from "@/lib/stores/context";
import type { PacketInput } from "./packet-html";
import type { PacketOptions } from "./packet-options";

/** The packet's language: the one asked for, else the reader's. */
export async function packetLocale(options: PacketOptions): Promise<Locale> {
  return options.locale ?? toLocale(await getLocale());
}

/** The packet's own translator (keys from the root), not the page's: it may be in the language the reader does not use. */
export function packetWords(locale: Locale): Translate {
  return createTranslator({ locale, messages: catalogues[locale] }) as unknown as Translate;
}

/**
 * Everything the case packet shows, addressed to the party the dispute is with (or goes to first),
 * in the language asked for (else the reader's) and with the comments unless they are left out.
 */
export async function loadPacket(ctx: StoreContext, disputeId: number, options: PacketOptions = { comments: true }): Promise<PacketInput> {
  const [dispute, directory, members, locale] = await Promise.all([getDispute(ctx, disputeId), partiesDirectory(ctx), storeMembers(ctx), packetLocale(options)]);
  const root = packetWords(locale);
  const format = createFormatter({ locale, timeZone: ctx.store.timezone });
  const party = dispute.currentParty ?? dispute.routing.primary;
  return {
    dispute,
    recipient: directory.find((p) => p.party === party)!,
    storeName: ctx.store.name,
    currency: ctx.store.currency,
    timeZone: ctx.store.timezone,
    locale,
    storeTime: storeTimes(root, format, ctx.store.timezone),
    t: (key, values) => root(`disputes.${key}`, values),
    shell: (key, values) => root(`shell.${key}`, values),
    names: new Map(members.map((m) => [m.id, m.name || m.email])),
    now: new Date(),
    comments: options.comments,
  };
}
