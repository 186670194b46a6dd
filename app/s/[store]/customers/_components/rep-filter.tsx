import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";
import type { StoreContext } from "@/lib/stores/context";
import { customerListSearchParams, type CustomerListQuery } from "@/lib/validation/customers";

/** Staff: "only my customers" on and off, the other filters kept. Owners: the reps page. */
export async function RepFilter({ ctx, base, query }: { ctx: StoreContext; base: string; query: CustomerListQuery }) {
  const t = await getTranslations("care");
  const link = "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100";
  if (ctx.role === "owner") {
    return (
      <p className="mb-4">
        <Link href={`${base}/care`} className={link}>
          {t("link")}
        </Link>
      </p>
    );
  }
  const mine = query.rep === "me";
  const params = customerListSearchParams({ ...query, rep: mine ? undefined : "me" });
  return (
    <p className="mb-4">
      <Link href={`${base}?${params}`} className={link} aria-current={mine ? "true" : undefined} data-testid="my-customers-toggle">
        {mine ? t("allCustomers") : t("myCustomers")}
      </Link>
    </p>
  );
}
