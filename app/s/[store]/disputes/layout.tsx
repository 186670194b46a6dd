import { ClientMessages } from "@/components/client-messages";

export default function DisputesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["disputes"]}>{children}</ClientMessages>;
}
