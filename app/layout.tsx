import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { Announcer } from "@/components/announcer";
import { ClientMessages } from "@/components/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-stone-50 text-stone-900 antialiased">
        <Announcer>
          <ClientMessages namespaces={["login"]}>{children}</ClientMessages>
        </Announcer>
      </body>
    </html>
  );
}
