import Link from "next/link";
import { CloseableDetails } from "@/components/closeable-details";
import { getTranslations } from "@/lib/i18n/server";

/** A disclosure menu of the user's stores: a <details>, so it works by keyboard and without JS. */
export async function StoreSwitcher({ current, stores }: { current: string; stores: { slug: string; name: string }[] }) {
  const t = await getTranslations("shell");
  const currentName = stores.find((s) => s.slug === current)?.name ?? current;
  if (stores.length < 2) return <span className="font-semibold">{currentName}</span>;
  return (
    <CloseableDetails className="relative">
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 font-semibold hover:bg-stone-200" aria-label={t("labelled", { label: t("switchStore"), text: currentName })}>
        {currentName} ▾
      </summary>
      <ul className="absolute z-10 mt-1 min-w-48 rounded-md border border-stone-200 bg-white py-1 shadow-lg">
        {stores.map((store) => (
          <li key={store.slug}>
            <Link
              href={`/s/${store.slug}`}
              aria-current={store.slug === current ? "true" : undefined}
              className="block px-3 py-2 text-sm hover:bg-stone-100 aria-[current=true]:font-semibold"
            >
              {store.name}
            </Link>
          </li>
        ))}
      </ul>
    </CloseableDetails>
  );
}
