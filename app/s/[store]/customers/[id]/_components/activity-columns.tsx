import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimeHalves } from "@/lib/i18n/store-time-text";
import { DayAndTime } from "@/components/ui/day-and-time";
import type { ActivityKind, ActivityRow } from "@/lib/customers/activity";
import { formatMoney } from "@/lib/money";

/** One kind of activity laid out as a table: its title, headers, cells and which columns hold numbers. */
export interface ActivityTableParts {
  title: string;
  headers: string[];
  /** Columns of amounts and counts, right-aligned so that their digits line up. */
  numeric: number[];
  /** The column of the row's external id: the one that may wrap, and on a phone stands under the time. */
  idColumn: number;
  /**
   * On a phone, a further column that stands under another rather than in its own: [column, under].
   * English returns ("Return and refund", "Completed", the amount) were still wider than a phone.
   */
  phoneFold?: [number, number];
  rows: React.ReactNode[][];
}

export type ActivityLayouts = { [K in ActivityKind]: (rows: ActivityRow<K>[]) => ActivityTableParts };

/**
 * How the customer page and the activity pages show orders, returns, reviews and shares: the
 * same columns in both, times in the store's time zone to the minute, money in its currency.
 */
export async function activityLayouts(store: { currency: string; timezone: string }): Promise<ActivityLayouts> {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  // The day and the time of day each kept whole: a phone's column broke English at every space.
  const when = (at: Date) => <DayAndTime at={at} {...storeTimeHalves(t, format, store.timezone, at)} />;
  const money = (minor: number) => formatMoney(minor, store.currency, locale);
  return {
    orders: (rows) => ({
      title: t("customer.orders"),
      headers: [t("customer.placedAt"), t("customer.externalId"), t("customer.status"), t("customer.groupBuy"), t("customer.total")],
      numeric: [4],
      idColumn: 1,
      rows: rows.map((o) => [when(o.placedAt), o.externalId, t(`orderStatus.${o.status}`), o.groupBuy ? "✓" : "", money(o.total)]),
    }),
    returns: (rows) => ({
      title: t("customer.returns"),
      headers: [t("customer.when"), t("customer.externalId"), t("customer.type"), t("customer.status"), t("customer.amount")],
      numeric: [4],
      idColumn: 1,
      phoneFold: [2, 3],
      rows: rows.map((r) => [
        when(r.requestedAt),
        r.orderExternalId ? t("shell.parenthetical", { text: r.externalId, note: r.orderExternalId }) : r.externalId,
        t(`returnType.${r.type}`),
        t(`returnStatus.${r.status}`),
        money(r.amount),
      ]),
    }),
    reviews: (rows) => ({
      title: t("customer.reviewsList"),
      headers: [t("customer.when"), t("customer.externalId"), t("customer.rating"), t("customer.photos"), t("customer.likes")],
      numeric: [4],
      idColumn: 1,
      rows: rows.map((r) => [
        when(r.createdAt),
        r.externalId,
        <span key="rating" role="img" aria-label={t("customer.ratingStars", { rating: r.rating })}>
          {"★".repeat(r.rating)}
        </span>,
        r.hasPhotos ? "✓" : "",
        format.number(r.likes),
      ]),
    }),
    shares: (rows) => ({
      title: t("customer.shares"),
      headers: [t("customer.when"), t("customer.externalId"), t("customer.conversions")],
      numeric: [2],
      idColumn: 1,
      rows: rows.map((s) => [when(s.sharedAt), s.externalId, format.number(s.conversions)]),
    }),
  };
}
