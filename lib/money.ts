import { AppError } from "@/lib/errors";

// Building an Intl.NumberFormat costs far more than formatting with one, and a page formats
// hundreds of amounts: keep one per locale and currency.
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: currencyDisplay(currency, locale) });
    formatters.set(key, format);
  }
  return format;
}

const signOf = (locale: string, currency: string, currencyDisplay: "symbol" | "narrowSymbol") =>
  new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay }).formatToParts(0).find((p) => p.type === "currency")?.value;

// The charts' compact amounts ask for every tick.
const displays = new Map<string, "symbol" | "narrowSymbol">();

/**
 * How an amount's currency is written for a reader: its narrow sign ("¥" for the yuan in English,
 * not Intl's "CN¥"), since a store keeps one currency and a Chinese merchant reading the English
 * console writes ¥. Intl's fuller sign is kept where the narrow one is what the reader's language
 * writes for its own country's currency: a Chinese reader's ¥ is the yuan, so a yen store's
 * amounts stay JP¥ in Chinese, and an English (US) reader's $ the US dollar, so a Canadian
 * store's stay CA$. Typed amounts are read with either sign (amountAsTyped).
 */
export function currencyDisplay(currency: string, locale: string): "symbol" | "narrowSymbol" {
  const key = `${locale}|${currency}`;
  let display = displays.get(key);
  if (!display) {
    const region = new Intl.Locale(locale).maximize().region;
    const home = region ? Intl.supportedValuesOf("currency").find((code) => code.startsWith(region)) : undefined;
    const narrow = signOf(locale, currency, "narrowSymbol");
    display = home && home !== currency && narrow === signOf(locale, home, "symbol") ? "symbol" : "narrowSymbol";
    displays.set(key, display);
  }
  return display;
}

// resolvedOptions() builds a fresh object each call, ~10 µs: too slow for every amount of a page.
const minorDigits = new Map<string, number>();

/** How many digits the currency's minor unit has (2 for CNY and GBP, 0 for JPY). */
export function minorUnitDigits(currency: string): number {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = currencyFormat("en", currency).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return digits;
}

/** Minor units (fen, pence…) as the major-unit number people read: 12345 fen → 123.45. */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitDigits(currency);
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return currencyFormat(locale, currency).format(toMajorUnits(minor, currency));
}

/** Thousands separators and spaces a merchant may type in an amount ("80,000", "80 000", "80，000"). */
export const withoutSeparators = (text: string) => text.replace(/[,\s，]/g, "");

/** The shape of an amount typed in major units, once its separators are gone: no sign, up to 13 whole digits. */
export const MAJOR_AMOUNT = /^(\d{1,13})(?:\.(\d+))?$/;

const signsByCurrency = new Map<string, string[]>();

/** The signs a merchant may put before an amount of `currency` ("¥85", "CN¥85", "£9.50"), longest first. */
function currencySigns(currency: string): string[] {
  const known = signsByCurrency.get(currency);
  if (known) return known;
  const signs = new Set<string>();
  for (const [locale, display] of [["en", "symbol"], ["zh-CN", "symbol"], ["en", "narrowSymbol"], ["zh-CN", "narrowSymbol"]] as const) {
    const sign = signOf(locale, currency, display);
    if (sign) signs.add(sign);
  }
  const sorted = [...signs].sort((a, b) => b.length - a.length);
  signsByCurrency.set(currency, sorted);
  return sorted;
}

/**
 * What a merchant typed in an amount field, as the parsers read it: full-width digits, point,
 * comma and percent sign (a Chinese input method's full-width mode writes "８５．５０" and "１５％")
 * as their ASCII selves, and the store's own currency sign before an amount left out (the pages
 * show "¥85.00"). Used by every form that takes money, so one typed alike is read alike.
 */
export function amountAsTyped(text: string, currency: string): string {
  const plain = text.normalize("NFKC").trim();
  const sign = currencySigns(currency).find((s) => plain.startsWith(s));
  return sign ? plain.slice(sign.length).trim() : plain;
}

/**
 * A typed amount's shape before the store's currency is known (a form's schema): full-width forms
 * as ASCII, a leading currency sign ("¥", "CN¥") and separators aside. amountAsTyped, with the
 * store's currency, is what is then read.
 */
export const amountShape = (text: string) => withoutSeparators(text.normalize("NFKC").replace(/^\s*[A-Za-z]{0,3}\p{Sc}/u, ""));

/**
 * An amount that is one but for its minus sign ("-5", "－５", "¥-5", "-¥5"): such a field is said
 * to be negative. "-5abc" or "-" is no amount at all, and says so first: told it was negative,
 * the merchant took the sign away only to hear next that it was not an amount.
 */
export function isNegativeAmount(text: string): boolean {
  const clean = amountShape(text);
  return clean.startsWith("-") && MAJOR_AMOUNT.test(amountShape(clean.slice(1)));
}

/**
 * An amount typed in major units ("80000", "80,000.50") → minor units of the currency; null when it
 * is not one, or has more decimals than the currency's minor unit has (19.5 yen): refused, not rounded.
 */
export function majorToMinor(text: string, currency: string): number | null {
  const match = MAJOR_AMOUNT.exec(withoutSeparators(text));
  const digits = minorUnitDigits(currency);
  if (!match || (match[2]?.length ?? 0) > digits) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || "0");
}

/**
 * The largest amount of money a price, a line (quantity × unit price), a return, a fee or an
 * amount at stake may carry, in minor units: 100 million in major units (¥100,000,000.00), more
 * than any merchant of such a platform sells in one line. Every sum kept of money (an order's
 * total, a customer's spend and refunds, a store's net spend in its score runs and on the
 * dashboard) adds up lines or refunds in a bigint, whose limit is 9.2 × 10^18: at this cap it
 * takes 9.2 × 10^8 lines or refunds at the cap in one store to reach it. Assumed: a store's
 * history holds fewer than 10^8 order lines and 10^8 returns (the benchmark's 100,000 customers
 * have 1.6 million lines; the largest shops sell a few million orders a year), so no sum can
 * overflow and fail a recompute, as 922,337 lines at the earlier cap of 10^13 could. Sums up to
 * 9 × 10^15 (900,000 lines at the cap) are also exact as JavaScript numbers, which the pages and
 * the API show.
 */
export const MAX_MONEY_MINOR = 1e10;

/**
 * Refuses an amount (minor units) above MAX_MONEY_MINOR with a typed error (422) whose detail is
 * at `path`, the bound named in the reader's locale: one rule for every amount the store keeps,
 * from a form, the API or the command line alike. Returns the amount when it passes.
 */
export function assertMoneyWithinBound(minor: number, where: { path: string; currency: string; locale?: string }): number {
  if (minor <= MAX_MONEY_MINOR) return minor;
  const max = formatMoney(MAX_MONEY_MINOR, where.currency, where.locale ?? "en");
  throw new AppError("invalid", `The amount is above the limit of ${max}.`, "errors.moneyAboveMax", { max }, [
    { path: where.path, message: `above the limit of ${max}` },
  ]);
}
