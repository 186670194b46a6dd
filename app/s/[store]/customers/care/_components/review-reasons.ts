import type { createFormatter } from "next-intl";

/**
 * Why a customer is on the review list: the gates they fail, as one list in the reader's language
 * ("A、B和C", "A, B, and C"), not labels glued with a separator a translator cannot reach.
 * The reasons are written to read mid-sentence ("… and has a compliance flag"), so the list's
 * first letter is raised here; Chinese has no case and is left as it is.
 */
export function reviewReasons(
  gates: readonly string[],
  gateLabel: (gate: string) => string,
  format: Pick<ReturnType<typeof createFormatter>, "list">,
  notHighValue: string,
): string {
  if (gates.length === 0) return notHighValue;
  const list = format.list(gates.map(gateLabel), { type: "conjunction" });
  return list.charAt(0).toUpperCase() + list.slice(1);
}
