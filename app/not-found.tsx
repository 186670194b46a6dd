import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";

// The title for a path no page has: the root layout's metadata named only the app ("老客"), and a
// <title> in the body came after it, so the browser kept the layout's.
export async function generateMetadata() {
  const t = await getTranslations("errors");
  return { title: `404 · ${t("notFoundTitle")}` };
}

export default async function NotFound() {
  const [t, app] = await Promise.all([getTranslations("errors"), getTranslations("app")]);
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      {/* Its own title also when a page calls notFound(): the refused page's metadata would otherwise name the page the reader did not get. */}
      <title>{`404 · ${t("notFoundTitle")} · ${app("name")}`}</title>
      <h1 className="text-2xl font-semibold">404 · {t("notFoundTitle")}</h1>
      <p className="mt-3 text-stone-600">{t("notFound")}</p>
      <Link href="/s" className="mt-6 inline-block text-brand-600 underline">
        {t("back")}
      </Link>
    </main>
  );
}
