import Link from "next/link";
import { getFormatter, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { MIN_SUPPORT } from "@/lib/recommendations/co-purchases";
import { coPurchaseStatus, customerRecommendations, outOfStockCandidates } from "@/lib/recommendations/recommend";
import { customerRep, staffCustomers } from "@/lib/reps/queries";
import type { StoreContext } from "@/lib/stores/context";
import { assignRepAction, unassignRepAction } from "../../care/actions";
import { AssignRepForm, UnassignRepForm } from "./care-forms";
import { staffSettingsLink } from "../../_components/staff-settings-link";

/** The customer page's care section: their dedicated rep (owners assign) and recommendations. */
export async function CustomerCare({ ctx, customerId, isHighValue }: { ctx: StoreContext; customerId: number; isHighValue: boolean }) {
  const owner = ctx.role === "owner";
  const [rep, recommendations, counts, staff, t, format, root] = await Promise.all([
    customerRep(ctx, customerId),
    customerRecommendations(ctx, customerId),
    coPurchaseStatus(ctx),
    owner ? staffCustomers(ctx) : Promise.resolve([]),
    getTranslations("care"),
    getFormatter(),
    getTranslations(),
  ]);
  // Asked only of an empty list: products an order import brings in start with no stock, and
  // the list stays empty until it is set, which the empty state then says.
  const outOfStock = recommendations.length === 0 ? await outOfStockCandidates(ctx, customerId) : 0;
  const when = storeTimes(root, format, ctx.store.timezone);
  const slug = ctx.store.slug;
  return (
    <section className="mb-6 grid gap-6 rounded-lg border border-stone-200 bg-white p-4 xl:grid-cols-2" aria-labelledby="care" data-testid="customer-care">
      <div>
        <h2 id="care" className="font-semibold">
          {t("rep")}
        </h2>
        {rep ? (
          <div className="mt-2 text-sm" data-testid="customer-rep">
            <p className="font-medium">{rep.name || rep.email}</p>
            <p className="text-stone-500" data-testid="rep-since">
              {rep.assignedBy
                ? t("assignedBy", { email: rep.email, when: when(rep.assignedAt), by: rep.assignedBy })
                : t("assignedAt", { email: rep.email, when: when(rep.assignedAt) })}
            </p>
            {rep.needsReview && (
              <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-amber-900" data-testid="rep-needs-review">
                {t("needsReview")}
              </p>
            )}
          </div>
        ) : (
          <p className="mt-2 text-sm text-stone-500">{owner ? t("noRep") : t("noRepStaff")}</p>
        )}
        {owner &&
          (staff.length === 0 ? (
            <p className="mt-2 text-sm text-stone-500">{t.rich("noStaff", { link: staffSettingsLink(slug) })}</p>
          ) : rep || isHighValue ? (
            <>
              <AssignRepForm
                action={assignRepAction.bind(null, slug)}
                customerId={customerId}
                currentUserId={rep?.userId ?? null}
                // How many customers each already has, said so: "staff (3)" left the number unexplained.
                staff={staff.map((s) => ({ userId: s.userId, label: t("staffLoad", { name: s.name || s.email, count: s.customers }) }))}
              />
              {rep && <UnassignRepForm action={unassignRepAction.bind(null, slug)} customerId={customerId} />}
            </>
          ) : (
            <p className="mt-2 text-sm text-stone-500">{t("onlyHighValue")}</p>
          ))}
      </div>
      <div>
        <h2 className="font-semibold">{t("recommendations")}</h2>
        <p className="mt-1 text-sm text-stone-500">{t("recommendationsIntro")}</p>
        {recommendations.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600" data-testid="no-recommendations">
            {outOfStock === 0
              ? t("noRecommendations", { min: MIN_SUPPORT })
              : owner
                ? t.rich("noRecommendationsOutOfStock", {
                    count: outOfStock,
                    link: (text) => (
                      <Link href={`/s/${slug}/products`} className="text-brand-600 underline">
                        {text}
                      </Link>
                    ),
                  })
                : t("noRecommendationsOutOfStockStaff", { count: outOfStock })}
          </p>
        ) : (
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm" data-testid="recommendations">
            {recommendations.map((r) => (
              <li key={r.productId} data-product={r.productExternalId} className="wrap-anywhere">
                <span className="font-medium">{r.productName}</span> <span className="text-stone-500">({r.productExternalId})</span>
                <span className="block text-stone-600">{t("reason", { product: r.via.name, count: r.customers })}</span>
              </li>
            ))}
          </ol>
        )}
        <p className="mt-2 text-xs text-stone-500">{counts ? t("countsAsOf", { when: when(counts.refreshedAt) }) : t("countsNever")}</p>
      </div>
    </section>
  );
}
