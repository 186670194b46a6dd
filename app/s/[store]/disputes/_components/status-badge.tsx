import type { DisputeStatus } from "@/lib/disputes/constants";

const colours: Record<DisputeStatus, string> = {
  draft: "bg-stone-100 text-stone-700",
  submitted: "bg-sky-100 text-sky-800",
  in_review: "bg-indigo-100 text-indigo-800",
  routed: "bg-violet-100 text-violet-800",
  escalated: "bg-orange-100 text-orange-800",
  resolved: "bg-green-100 text-green-800",
  withdrawn: "bg-stone-200 text-stone-600",
};

export function StatusBadge({ status, label }: { status: DisputeStatus; label: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${colours[status]}`} data-status={status} data-testid="status">
      {label}
    </span>
  );
}
