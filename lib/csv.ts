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

type CsvCell = Parameters<typeof csvLine>[0][number];

/**
 * A CSV download streamed page by page (keyset), so an export never sits in memory whole: the
 * header first, behind a byte-order mark so spreadsheet programs read Chinese names as UTF-8,
 * then `page` is called with the cursor the previous page gave until it gives none.
 */
export function streamedCsvResponse<C>(options: {
  filename: string;
  header: CsvCell[];
  /** Names the export in the server log when a page fails. */
  label: string;
  page(cursor: C | undefined): Promise<{ rows: CsvCell[][]; next: C | null }>;
}): Response {
  const encoder = new TextEncoder();
  let cursor: C | undefined;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode("\uFEFF" + csvLine(options.header)));
        }
        const page = await options.page(cursor);
        controller.enqueue(encoder.encode(page.rows.map(csvLine).join("")));
        if (page.next === null) controller.close();
        else cursor = page.next;
      } catch (error) {
        console.error(`[${options.label}]`, error);
        controller.error(error);
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${options.filename}"`,
      "cache-control": "no-store",
    },
  });
}
