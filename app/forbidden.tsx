import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";

export default async function Forbidden() {
  const [t, app] = await Promise.all([getTranslations("errors"), getTranslations("app")]);
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      {/* Its own title: the refused page's metadata would otherwise name the page the reader did not get. */}
      <title>{`403 · ${t("forbiddenTitle")} · ${app("name")}`}</title>
      <h1 className="text-2xl font-semibold">403 · {t("forbiddenTitle")}</h1>
      <p className="mt-3 text-stone-600">{t("forbiddenBody")}</p>
      <Link href="/s" className="mt-6 inline-block text-brand-600 underline">
        {t("back")}
      </Link>
    </main>
  );
}
