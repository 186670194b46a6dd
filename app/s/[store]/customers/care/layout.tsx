import { ClientMessages } from "@/components/client-messages";

export default function CareLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["care"]}>{children}</ClientMessages>;
}
