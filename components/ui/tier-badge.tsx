import type { Tier } from "@/db/schema/scoring";

const styles: Record<Tier, string> = {
  ordinary: "bg-stone-100 text-stone-700 ring-stone-300",
  silver: "bg-slate-100 text-slate-700 ring-slate-400",
  gold: "bg-amber-100 text-amber-800 ring-amber-400",
  diamond: "bg-sky-100 text-sky-800 ring-sky-400",
  crown: "bg-fuchsia-100 text-fuchsia-800 ring-fuchsia-400",
};

export function TierBadge({ tier, label }: { tier: Tier; label: string }) {
  return (
    <span data-tier={tier} className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[tier]}`}>
      {label}
    </span>
  );
}
