import { ClientMessages } from "@/components/client-messages";

export default function ProductsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["pricing.products", "pricing.picker"]}>{children}</ClientMessages>;
}
