import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BackLink } from "@/components/ui/back-link";
import { getTranslations } from "@/lib/i18n/server";
import { requireStore } from "@/lib/auth/session";
import { customerActivityPage, isActivityKind, type ActivityKind } from "@/lib/customers/activity";
import { getCustomer } from "@/lib/customers/queries";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/path-id";
import { firstValues } from "@/lib/validation/customers";
import { activityLayouts, type ActivityLayouts } from "../_components/activity-columns";
import { ActivityTable } from "../_components/activity-table";

type Params = Promise<{ store: string; id: string; kind: string }>;

// Once per request: the title and the page both need the customer, looked up in this store only
// (another store's customer id is a 404, as on the customer page).
const load = cache(async (slug: string, idText: string, kind: string) => {
  const ctx = await requireStore(slug);
  const id = parsePathId(idText);
  if (id === null || !isActivityKind(kind)) notFound();
  try {
    return { ctx, kind, customer: await getCustomer(ctx, { id }) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

const titleKeys: Record<ActivityKind, string> = {
  orders: "customer.orders",
  returns: "customer.returns",
  reviews: "customer.reviewsList",
  shares: "customer.shares",
};

export async function generateMetadata({ params }: { params: Params }) {
  const { store, id, kind } = await params;
  const { customer, kind: known } = await load(store, id, kind);
  const t = await getTranslations();
  return { title: t("customer.activityTitle", { what: t(titleKeys[known]), name: customer.name || customer.externalId }) };
}

/** All of a customer's orders, returns, reviews or shares, 50 a page, newest first. */
export default async function CustomerActivityPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { store, id, kind: kindText } = await params;
  const { ctx, kind, customer } = await load(store, id, kindText);
  const { cursor, before } = firstValues(await searchParams);
  const [t, layouts] = await Promise.all([getTranslations(), activityLayouts(ctx.store)]);
  let notice: string | null = null;
  let page;
  try {
    page = await customerActivityPage(ctx, customer.id, kind, { cursor, before });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "invalid_request")) throw error;
    notice = t("errors.badCursor");
    page = await customerActivityPage(ctx, customer.id, kind);
  }
  const name = customer.name || customer.externalId;
  const customerHref = `/s/${ctx.store.slug}/customers/${customer.id}`;
  const here = `${customerHref}/${kind}`;
  // The page's rows, laid out as the customer page lays them out.
  const layout = (layouts[kind] as ActivityLayouts["orders"])(page.rows as Parameters<ActivityLayouts["orders"]>[0]);

  return (
    <>
      <BackLink href={customerHref}>{t("customer.backTo", { name })}</BackLink>
      <p className="mt-3 text-sm text-stone-500">{t("customer.customerId", { id: customer.externalId })}</p>
      {notice && (
        <p role="status" className="my-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <div className="mt-2">
        <ActivityTable
          {...layout}
          title={t("customer.activityTitle", { what: layout.title, name })}
          headingLevel={1}
          testId={`activity-${kind}`}
          total={page.total}
        />
      </div>
      {/* Only where there are pages: all on one, it read "0 on this page, 0 in all" under "Nothing yet.",
          and "23 on this page, 23 in all" under a heading counting 23. */}
      {(page.total > page.rows.length || cursor || before) && (
        <nav aria-label={t("customer.activityPages")} className="mt-4 flex flex-wrap items-center gap-4 text-sm">
          <span className="text-stone-500" data-testid="activity-count">
            {t("customer.pageShowing", { shown: page.rows.length, total: page.total })}
          </span>
          {(cursor || before) && (
            <Link href={here} className="text-brand-600 underline">
              {t("customers.first")}
            </Link>
          )}
          {page.previousCursor && (
            <Link href={`${here}?${new URLSearchParams({ before: page.previousCursor })}`} className="text-brand-600 underline" rel="prev">
              {t("customers.previous")}
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`${here}?${new URLSearchParams({ cursor: page.nextCursor })}`} className="text-brand-600 underline" rel="next">
              {t("customers.next")}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
