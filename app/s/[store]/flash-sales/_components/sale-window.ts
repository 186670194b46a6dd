import type { TextLink } from "@/lib/errors";
import type { RuleReason } from "@/lib/flash-sales/rules";
import type { Translate } from "@/lib/i18n/locales";
import { storeTimeText, type DateTimeFormatter } from "@/lib/i18n/store-time-text";

/**
 * A sale's window as the flash-sale pages write it, in the store's time zone: the day once when
 * it starts and ends on one day, both ends in full otherwise. `t` takes keys from the root.
 */
export function saleWindowText(t: Translate, format: DateTimeFormatter, timeZone: string, start: Date, end: Date): string {
  // Not format.dateTimeRange: zh-CN's range pattern writes "2026/12/3", unlike every other date on the page.
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeZone });
  const clock = (date: Date) => storeTimeText(t, format, timeZone, date, { timeStyle: "short" });
  const when = (date: Date) => storeTimeText(t, format, timeZone, date);
  return day(start) === day(end)
    ? t("flashSales.windowSameDay", { date: day(start), start: clock(start), end: clock(end) })
    : t("flashSales.windowRange", { start: when(start), end: when(end) });
}

/**
 * An overlap refusal as the sale form shows it: the other sale's window in the page's format and
 * the store's zone, and the sale named by a link (the API's English "#4, 2026-12-08 10:00 –
 * 2026-12-08 12:00" is the rule's own message).
 */
export function overlapInReadersLanguage(
  t: Translate,
  format: DateTimeFormatter,
  store: { slug: string; timezone: string },
  otherSale: NonNullable<RuleReason["otherSale"]>,
): { message: string; link: TextLink } {
  const sale = t("flashSales.rules.overlapSale", { id: String(otherSale.id) });
  return {
    message: t("flashSales.rules.overlap", { sale, window: saleWindowText(t, format, store.timezone, otherSale.from, otherSale.to) }),
    link: { text: sale, href: `/s/${store.slug}/flash-sales/${otherSale.id}` },
  };
}
