import { ClientMessages } from "@/components/client-messages";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["settings", "rules", "factors", "tiers"]}>{children}</ClientMessages>;
}
