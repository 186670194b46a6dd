import { ClientMessages } from "@/components/client-messages";

export default function MembersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["pricing.members", "pricing.points"]}>{children}</ClientMessages>;
}
