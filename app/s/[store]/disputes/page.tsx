import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("disputes") };
}

export default async function Page({ params }: { params: Promise<{ store: string }> }) {
  await requireStore((await params).store);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.disputes")} />
      <ComingSoon heading={t("soon.heading")} body={t("soon.disputes")} />
    </>
  );
}
