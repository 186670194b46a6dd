import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">403 · {t("forbiddenTitle")}</h1>
      <p className="mt-3 text-stone-600">{t("forbiddenBody")}</p>
      <Link href="/s" className="mt-6 inline-block text-brand-600 underline">
        {t("back")}
      </Link>
    </main>
  );
}
