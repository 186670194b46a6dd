import type { Tier } from "@/db/schema/scoring";

/**
 * A tier's badge, its look in one class (`.tier-badge` in app/globals.css, coloured by the tier):
 * the customers list repeats it on each of its fifty rows, and its utilities spelled out there
 * were a tenth of the page's HTML.
 */
export function TierBadge({ tier, label }: { tier: Tier; label: string }) {
  return (
    <span data-tier={tier} className="tier-badge">
      {label}
    </span>
  );
}
