import { ClientMessages } from "@/components/client-messages";

export default function ImportsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["imports"]}>{children}</ClientMessages>;
}
