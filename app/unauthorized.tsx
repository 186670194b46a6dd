import { getTranslations } from "@/lib/i18n/server";
import { ToSignIn } from "@/components/to-sign-in";

export default async function Unauthorized() {
  const [t, app] = await Promise.all([getTranslations("errors"), getTranslations("app")]);
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      {/* Its own title: the refused page's metadata would otherwise name the page the reader did not get. */}
      <title>{`${t("signInTitle")} · ${app("name")}`}</title>
      <h1 className="text-2xl font-semibold">{t("signInTitle")}</h1>
      <p className="mt-3 text-stone-600">{t("signInBody")}</p>
      <ToSignIn label={t("signIn")} />
    </main>
  );
}
