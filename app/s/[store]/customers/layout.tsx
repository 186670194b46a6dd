import { ClientMessages } from "@/components/client-messages";

// The list's own client components (the recompute button); the customer and care pages below
// name theirs, so the list does not carry their messages on every request.
export default function CustomersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["customers"]}>{children}</ClientMessages>;
}
