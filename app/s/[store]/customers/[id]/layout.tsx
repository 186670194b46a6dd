import { ClientMessages } from "@/components/client-messages";

export default function CustomerLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["customer", "care", "flags", "pricing.members", "pricing.points"]}>{children}</ClientMessages>;
}
