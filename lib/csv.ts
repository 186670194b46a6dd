/**
 * One CSV line (RFC 4180 quoting). A cell that a spreadsheet would run as a formula
 * (=, +, -, @ first) is prefixed with ' so an exported customer name cannot run code.
 */
export function csvLine(cells: (string | number | boolean | null | undefined)[]): string {
  return (
    cells
      .map((cell) => {
        if (cell === null || cell === undefined) return "";
        let text = String(cell);
        if (typeof cell === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
        return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(",") + "\r\n"
  );
}
