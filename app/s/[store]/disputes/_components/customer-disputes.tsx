import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";
import { customerDisputes } from "@/lib/disputes/queries";
import type { StoreContext } from "@/lib/stores/context";
import { StatusBadge } from "./status-badge";

/** The customer page's section: their disputes as complainant, and the repeat-complainant flag. */
export async function CustomerDisputes({ ctx, customerId, customerExternalId }: { ctx: StoreContext; customerId: number; customerExternalId: string }) {
  const [t, data] = await Promise.all([getTranslations("disputes"), customerDisputes(ctx, customerId)]);
  const base = `/s/${ctx.store.slug}/disputes`;
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="customer-disputes" data-testid="customer-disputes">
      <h2 id="customer-disputes" className="font-semibold">{t("customer.title")}</h2>
      {data.repeatComplainant && (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="repeat-complainant">
          {t("customer.repeat", { count: data.complaints })}
        </p>
      )}
      {data.disputes.length === 0 ? (
        <p className="mt-2 text-sm text-stone-500">{t("customer.none")}</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {data.disputes.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-2">
              <Link href={`${base}/${d.id}`} className="min-w-0 underline wrap-anywhere">#{d.id} {d.title}</Link>
              <span className="text-stone-500">{t(`type.${d.type}.label`)}</span>
              <StatusBadge status={d.status} label={t(`status.${d.status}`)} />
            </li>
          ))}
        </ul>
      )}
      <Link href={`${base}/new?${new URLSearchParams({ customer: customerExternalId, type: "malicious_complaint" })}`} className="mt-3 inline-block text-sm text-brand-600 underline">
        {t("customer.fileOne")}
      </Link>
    </section>
  );
}
