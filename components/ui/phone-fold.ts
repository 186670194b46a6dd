/**
 * A table's column folded on a phone: left out of its own column below Tailwind's `sm` (640 px)
 * and shown instead under another cell of its row, and only there. One breakpoint for every table
 * that folds (a customer's activity, the products, the staff), so that none shows a value twice,
 * or in neither place, at a width between two of them.
 */
export const phoneFold = {
  /** The column's header and cells: gone on a phone. */
  column: "max-sm:hidden",
  /** Its value under another cell: shown on a phone only. */
  under: "sm:hidden",
} as const;
