import type { createFormatter } from "next-intl";

/**
 * Why a customer is on the review list: the gates they fail, as one list in the reader's language
 * ("A、B和C", "A, B, and C"), not labels glued with a separator a translator cannot reach.
 */
export function reviewReasons(
  gates: readonly string[],
  gateLabel: (gate: string) => string,
  format: Pick<ReturnType<typeof createFormatter>, "list">,
  notHighValue: string,
): string {
  return gates.length > 0 ? format.list(gates.map(gateLabel), { type: "conjunction" }) : notHighValue;
}
