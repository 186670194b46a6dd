import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("flashSales") };
}

export default async function Page({ params }: { params: Promise<{ store: string }> }) {
  await requireStore((await params).store);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.flashSales")} />
      <ComingSoon heading={t("soon.heading")} body={t("soon.flashSales")} />
    </>
  );
}
