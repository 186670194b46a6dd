import type { FlashSaleStatus } from "@/lib/flash-sales/eligibility";

const styles: Record<FlashSaleStatus, string> = {
  scheduled: "bg-stone-100 text-stone-700 ring-stone-300",
  early_access: "bg-amber-100 text-amber-900 ring-amber-400",
  live: "bg-green-100 text-green-800 ring-green-500",
  sold_out: "bg-red-100 text-red-800 ring-red-400",
  ended: "bg-stone-200 text-stone-600 ring-stone-300",
  cancelled: "bg-stone-100 text-stone-500 ring-stone-300 line-through",
};

export function StatusBadge({ status, label }: { status: FlashSaleStatus; label: string }) {
  return (
    <span data-status={status} className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]}`}>
      {label}
    </span>
  );
}
