import { redirect } from "next/navigation";
import { getTranslations } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/components/language-switch";
import { afterSignIn } from "@/lib/auth/after-sign-in";
import { getSessionUser } from "@/lib/auth/session";
import { LoginForm } from "./_components/login-form";

// Absolute: the title already names the app ("Sign in to Laoke"), which the template added again.
export async function generateMetadata() {
  const t = await getTranslations("login");
  return { title: { absolute: t("title") } };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only this site's paths: an open redirect would let a link send a merchant elsewhere after login.
  const next = afterSignIn(callbackUrl);
  if (await getSessionUser()) redirect(next);
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-4 flex justify-end">
          <LanguageSwitch />
        </div>
        <div className="rounded-xl border border-stone-200 bg-white p-8 shadow-sm">
          <p className="text-3xl font-bold text-brand-600">{t("app.name")}</p>
          <p className="mt-2 text-sm text-stone-600">{t("app.tagline")}</p>
          <h1 className="mt-6 text-lg font-semibold">{t("login.title")}</h1>
          <LoginForm next={next} />
        </div>
      </div>
    </main>
  );
}
