import { ClientMessages } from "@/components/client-messages";

export default function CustomersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["customers", "customer", "care", "flags", "pricing.points"]}>{children}</ClientMessages>;
}
