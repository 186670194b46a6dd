import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/components/language-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { requireUser, sessionStores } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("stores"))("title") };
}

export default async function StorePicker() {
  await requireUser();
  const stores = await sessionStores();
  if (stores.length === 1) redirect(`/s/${stores[0]!.slug}`);
  const t = await getTranslations();
  return (
    <main className="mx-auto max-w-lg p-8">
      {/* Where a user of several stores lands after signing in: the language is switched here too, as on every page. */}
      <div className="mb-4 flex justify-end">
        <LanguageSwitch />
      </div>
      <h1 className="text-2xl font-semibold">{t("stores.title")}</h1>
      {stores.length === 0 ? (
        <p className="mt-4 text-stone-600">{t("stores.none")}</p>
      ) : (
        <>
          <p className="mt-2 text-stone-600">{t("stores.intro")}</p>
          <ul className="mt-6 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {stores.map((store) => (
              <li key={store.slug}>
                {/* A long store name wraps beside its role, which keeps to a line: squeezed, it stood 店/主 a character a line. */}
                <Link href={`/s/${store.slug}`} className="flex justify-between gap-3 p-4 hover:bg-stone-50">
                  <span className="min-w-0 font-medium wrap-anywhere">{store.name}</span>
                  <span data-testid="store-role" className="shrink-0 text-sm whitespace-nowrap text-stone-500">
                    {t(`roles.${store.role}`)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="mt-8">
        <SignOutButton />
      </div>
    </main>
  );
}
