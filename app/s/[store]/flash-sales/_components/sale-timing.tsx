import type { FlashSaleView } from "@/lib/flash-sales/queries";
import { TimeLeft } from "./time-left";

/** The countdown that fits the sale's status, or nothing once it is over. */
export function SaleTiming({ sale, renderedAt }: { sale: FlashSaleView; renderedAt: number }) {
  if (!sale.nextChangeAt) return null;
  const kind =
    sale.status === "scheduled" ? (sale.earlyAccess ? "earlyOpensIn" : "startsIn") : sale.status === "early_access" ? "startsIn" : "endsIn";
  return <TimeLeft to={sale.nextChangeAt.toISOString()} kind={kind} renderedAt={renderedAt} />;
}
