import { ClientMessages } from "@/components/client-messages";

export default function FlashSalesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["flashSales", "tiers", "pricing.picker"]}>{children}</ClientMessages>;
}
