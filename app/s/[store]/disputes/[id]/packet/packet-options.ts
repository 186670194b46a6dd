import { locales, type Locale } from "@/lib/i18n/locales";

/**
 * How the packet is written, chosen on its page and carried in its URL (the saved file's too):
 * `lang`, its language whatever the console's (the party may read the other one); `comments=omit`,
 * the staff's comments left out of its history (they may be remarks for the team alone). By
 * default the console's language, and the whole history, comments included (PRODUCT.md §6).
 */
export interface PacketOptions {
  locale?: Locale;
  comments: boolean;
}

type Query = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function packetOptions(query: Query): PacketOptions {
  const lang = first(query.lang);
  return {
    locale: (locales as readonly string[]).includes(lang ?? "") ? (lang as Locale) : undefined,
    comments: first(query.comments) !== "omit",
  };
}

/** The query that asks for these options ("" for the defaults), after a packet's page or file path. */
export function packetQuery(options: PacketOptions): string {
  const query = new URLSearchParams();
  if (options.locale) query.set("lang", options.locale);
  if (!options.comments) query.set("comments", "omit");
  const text = query.toString();
  return text ? `?${text}` : "";
}
