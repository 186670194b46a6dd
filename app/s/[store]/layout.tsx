import { getTranslations } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/components/language-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { requireStore, requireUser, sessionStores } from "@/lib/auth/session";
import { NavLinks } from "./_components/nav-links";
import { StoreSwitcher } from "./_components/store-switcher";

export default async function StoreLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ store: string }>;
}) {
  const { store: slug } = await params;
  // requireStore checks the account and the membership (redirecting or answering 404 before
  // anything shows); it, the user and the switcher's list come from one lookup of the account.
  const [ctx, t] = await Promise.all([requireStore(slug), getTranslations()]);
  const [user, stores] = await Promise.all([requireUser(), sessionStores()]);
  const base = `/s/${ctx.store.slug}`;
  const items = [
    { href: base, label: t("nav.dashboard") },
    { href: `${base}/customers`, label: t("nav.customers") },
    { href: `${base}/products`, label: t("nav.products") },
    ...(ctx.role === "owner" ? [{ href: `${base}/members`, label: t("nav.members") }] : []),
    { href: `${base}/flash-sales`, label: t("nav.flashSales") },
    { href: `${base}/disputes`, label: t("nav.disputes") },
    ...(ctx.role === "owner"
      ? [
          { href: `${base}/imports`, label: t("nav.imports") },
          { href: `${base}/settings`, label: t("nav.settings") },
        ]
      : []),
  ];
  return (
    <div className="min-h-screen">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        {t("shell.skipToContent")}
      </a>
      <header className="flex flex-wrap items-center gap-3 border-b border-stone-200 bg-white px-4 py-2">
        <span className="text-lg font-bold text-brand-600">{t("app.name")}</span>
        <StoreSwitcher current={ctx.store.slug} stores={stores} />
        <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-600" data-testid="role">
          {t(`roles.${ctx.role}`)}
        </span>
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitch />
          <span className="hidden text-sm text-stone-500 sm:inline">{user.email}</span>
          <SignOutButton />
        </div>
      </header>
      <div className="md:flex">
        <aside className="border-b border-stone-200 bg-white p-2 md:min-h-[calc(100vh-49px)] md:w-52 md:border-b-0 md:border-r">
          <NavLinks items={items} label={t("nav.label")} />
        </aside>
        {/* tabIndex -1: the skip link takes the keyboard here (only a script or that link focuses it). */}
        <main id="content" tabIndex={-1} className="min-w-0 flex-1 p-4 outline-none md:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
