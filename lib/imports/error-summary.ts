import type { ImportError } from "@/db/schema";

/** One reason and every listed row it was given for. */
export interface ErrorGroup {
  rows: number[];
  column?: string;
  message: string;
}

/**
 * The listed errors grouped by column and message, in the order of each group's first row: a
 * file with a wrong time in every row gave a hundred lines that differed only in their row number.
 */
export function groupErrors(errors: readonly Pick<ImportError, "row" | "column" | "message">[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const e of errors) {
    const key = JSON.stringify([e.column ?? null, e.message]);
    const group = groups.get(key);
    if (group) group.rows.push(e.row);
    else groups.set(key, { rows: [e.row], column: e.column, message: e.message });
  }
  return [...groups.values()];
}

/** The reasons an import's result lists (its first groups); the report file has them all. */
export const SHOWN_ERROR_GROUPS = 20;

/**
 * The errors of the first `groups` groups of groupErrors, in their order: all that a summary of
 * those groups reads. The imports page lists 50 imports, each keeping up to 1,000 errors; it
 * sent them all to the browser to show 20 reasons of each.
 */
export function errorsOfFirstGroups<E extends { column?: string; message: string }>(errors: readonly E[], groups = SHOWN_ERROR_GROUPS): E[] {
  const kept = new Set<string>();
  return errors.filter((e) => {
    const key = JSON.stringify([e.column ?? null, e.message]);
    if (kept.has(key)) return true;
    if (kept.size >= groups) return false;
    kept.add(key);
    return true;
  });
}

/** Rows as runs ("2–21", "25"), at most `maxRuns` of them, and how many rows the rest hold. */
export function rowRuns(rows: readonly number[], maxRuns = 5): { runs: string[]; more: number } {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const row of sorted) {
    const last = runs.at(-1);
    if (last && row === last[1] + 1) last[1] = row;
    else runs.push([row, row]);
  }
  const shown = runs.slice(0, maxRuns);
  return {
    runs: shown.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)),
    more: sorted.length - shown.reduce((n, [from, to]) => n + to - from + 1, 0),
  };
}

/**
 * A count as the import's English messages write it ("75,000 rows were refused"): the lines under
 * one read "… and 74980 more". Row numbers stay as written, as the reasons write them.
 */
const inEnglish = (count: number) => count.toLocaleString("en");

/** The rows of rowRuns in English: "2–21, 25 and 3 more". */
function rowRunsText(rows: readonly number[]): string {
  const { runs, more } = rowRuns(rows);
  return more > 0 ? `${runs.join(", ")} and ${inEnglish(more)} more` : runs.join(", ");
}

/** Whether the import's message already says its lone error's reason (a file that is not readable CSV names its line there). */
export function saysItsOnlyError(job: { errors: readonly { message: string }[]; message: string | null }): boolean {
  return job.errors.length === 1 && job.message !== null && job.message.includes(job.errors[0]!.message);
}

/**
 * The lines the command line prints for an import's errors: one a reason, naming its rows, up to
 * `maxLines`, then how many more there are. A lone reason that the import's message already says
 * is not said twice.
 */
export function errorLines(job: { errors: readonly ImportError[]; errorCount: number; message: string | null }, maxLines = 20): string[] {
  if (saysItsOnlyError(job)) return [];
  const groups = groupErrors(job.errors);
  const lines = groups.slice(0, maxLines).map((g) => {
    const rows = g.rows.length === 1 ? `row ${g.rows[0]}` : `rows ${rowRunsText(g.rows)}`;
    return `  ${rows}${g.column ? ` (${g.column})` : ""}: ${g.message}`;
  });
  const said = groups.slice(0, maxLines).reduce((n, g) => n + g.rows.length, 0);
  if (job.errorCount > said) {
    const reasons = groups.length - Math.min(groups.length, maxLines);
    lines.push(
      reasons > 0
        ? `  … and ${inEnglish(job.errorCount - said)} more (${inEnglish(reasons)} other ${reasons === 1 ? "reason" : "reasons"} among them).`
        : `  … and ${inEnglish(job.errorCount - said)} more.`,
    );
  }
  return lines;
}
