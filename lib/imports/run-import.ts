import fs from "node:fs";
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { retryOnDeadlock } from "@/db/retry";
import { refreshStatistics, STORE_DATA_TABLES, type StoreDataTable } from "@/db/bulk";
import { imports, type Import, type ImportError, type ImportFormat, type ImportKind } from "@/db/schema";
import { byteLimit } from "@/lib/bytes";
import { readEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { minorUnitDigits } from "@/lib/money";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { catchUpAfterScores } from "@/lib/customers/recompute";
import { CsvUnreadable, csvBatches, NotCsvText, textBytes } from "./csv-batches";
import { lookalikeFormat, rowFormat } from "./formats";
import { openText, UnpackedTooLarge } from "./open-text";
import { mergeStaged, refusedStagedRows, StagedRowsRejected, type MergeCounts } from "./merge";
import { startHeartbeat } from "./heartbeat";
import { recomputeAfterWrite } from "./recompute-after-write";
import { clearImportStaging, dropStagedGroups, stageStatements, StagingBatch } from "./stage";
import { reason, type Localizable } from "./reasons";
import { uploadPath } from "./upload";
import { localTimeReader, RowError, RowErrors } from "./values";
import { forbiddenCharacter, withoutForbiddenCharacters } from "@/lib/validation/forbidden-characters";

const BATCH_ROWS = 5000;
/** Errors kept to show; all are counted. */
const MAX_LISTED_ERRORS = 1000;
/** A CSV record longer than this is not a row of any of our formats: the file is refused. */
const MAX_RECORD_CHARS = 1 << 20;
/** A running import that has not reported for this long was interrupted (its process died). */
const STALE_AFTER_MS = 2 * 60 * 1000;
/** How often an import says it is alive while it merges and recomputes, reporting no rows. */
const HEARTBEAT_MS = STALE_AFTER_MS / 4;

export interface ImportProgress {
  processedRows: number;
  totalRows: number | null;
  skippedRows: number;
}

export async function createImport(
  ctx: StoreContext,
  input: { kind: ImportKind; format: ImportFormat; fileName: string; skipInvalid: boolean },
): Promise<Import> {
  assertRole(ctx, "owner");
  rowFormat(input.kind, input.format); // refuses a kind the format does not hold
  const [row] = await getDb()
    .insert(imports)
    .values({ storeId: ctx.store.id, ...input, createdByUserId: ctx.userId })
    .returning();
  return row!;
}

/** Rows in the file (lines less the header), counted in a quick pass for the progress bar. */
async function countRows(path: string, maxUnpacked: number): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of textBytes(await openText(path, maxUnpacked)) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    last = chunk[chunk.length - 1] ?? last;
  }
  return Math.max(0, lines + (last === 10 ? 0 : 1) - 1);
}

/**
 * The merge (and the check of a failing file) join sets of rows just staged, which the planner's
 * statistics do not count yet: it picks nested loops that run for hours on a large file (100,000
 * new orders × 300,000 lines on PostgreSQL) and for minutes on a file of 3,000 lines (embedded).
 * Hash joins stay linear, at the price of reading the store's own rows whole for a file of a few
 * lines. The lateral lookups that stay nested loops then carry the setting's penalty cost, which
 * lifts their statements over PostgreSQL's JIT thresholds: compiling them took 0.44 s of the
 * Online Retail file's 2.7 s merge. The groupings and hashes of its 397,924 lines spilled to disk
 * at the default work_mem: in memory the embedded merge takes 3.6 s instead of 4.1–4.4 s.
 * For the transaction `tx` only.
 */
async function planForStagedRows(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
}

/** A failure of the file itself, said as such; null for any other error (logged as unexpected). */
function fileFailure(error: unknown): ImportFailed | null {
  if (error instanceof UnpackedTooLarge) return new ImportFailed(reason("unpackedTooLarge", { max: byteLimit(error.max) }));
  if (error instanceof NotCsvText) return new ImportFailed(error.reason);
  if (error instanceof CsvUnreadable) return new ImportFailed(reason("notCsv", { reason: error.reason }), [{ row: error.row, ...error.reason }]);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  // zlib's codes: a truncated file is Z_BUF_ERROR ("unexpected end of file"), a corrupt one Z_DATA_ERROR.
  if (typeof code === "string" && code.startsWith("Z_")) return new ImportFailed(reason("damagedGzip"));
  // The file system's (EACCES, ENOENT, EISDIR…): the CLI names a file the server may not read.
  if (typeof code === "string" && (error as NodeJS.ErrnoException).syscall) return new ImportFailed(reason("fileUnreadable", { code }));
  return null;
}

/** What to say of a file that looks like another kind or format than the one picked. */
function lookalikeReason(looks: { kind: ImportKind; format: ImportFormat }, picked: { kind: ImportKind; format: ImportFormat }): Localizable {
  if (looks.format === "online-retail") return reason("looksLikeOnlineRetail");
  if (picked.format === "online-retail") return reason("looksLikeCanonical", { kind: looks.kind });
  return reason("looksLikeKind", { kind: looks.kind, picked: picked.kind });
}

const SHOWN_HEADER_NAMES = 20;
const SHOWN_NAME_CHARS = 40;

/**
 * A header's names as a refusal quotes them: the first SHOWN_HEADER_NAMES, each cut to
 * SHOWN_NAME_CHARS, with no character a stored reason may not hold (the wrong file can have anything in its first line).
 */
function headerNames(header: readonly string[]): string {
  const names = header.slice(0, SHOWN_HEADER_NAMES).map((name) => {
    const clean = withoutForbiddenCharacters(name);
    return clean === "" ? '""' : clean.length > SHOWN_NAME_CHARS ? `${clean.slice(0, SHOWN_NAME_CHARS)}…` : clean;
  });
  return header.length > SHOWN_HEADER_NAMES ? `${names.join(", ")}, …` : names.join(", ");
}

class ImportFailed extends Error {
  constructor(
    readonly reason: Localizable,
    readonly errors: ImportError[] = [],
  ) {
    super(reason.message);
  }
}

/**
 * The listed errors in the file's order: they are noted as found (each row's checks as it is
 * read, then the rows skipped with their order, then those the merge refused), which with
 * skipInvalid listed rows 5, 3, 4.
 */
function byRow(errors: ImportError[]): ImportError[] {
  return [...errors].sort((a, b) => a.row - b.row);
}

/** The tables a merge wrote, from its counts (an order's lines go with it). */
function writtenTables(counts: MergeCounts): StoreDataTable[] {
  return STORE_DATA_TABLES.filter((table) => (table === "order_items" ? "orders" : table) in counts);
}

/** The columns that keep what an import says (why it failed), in English and for the page's language. */
function messageColumns(why: Localizable) {
  return { message: why.message, messageKey: why.key ?? null, messageValues: why.values ?? null };
}

/**
 * Runs an import from a file: streams it (memory stays flat whatever its size), checks every row,
 * stages batches, then merges them into the store in one transaction and recomputes the scores.
 * All or nothing by default; with skipInvalid, bad rows are skipped and listed.
 */
export async function runImport(
  ctx: StoreContext,
  importId: number,
  path: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<Import> {
  assertRole(ctx, "owner");
  const db = getDb();
  const storeId = ctx.store.id;
  const where = and(eq(imports.storeId, storeId), eq(imports.id, importId));
  const [job] = await db.select().from(imports).where(where);
  if (!job) throw new AppError("not_found", "No such import in this store.", "errors.noSuchImport");
  const format = rowFormat(job.kind, job.format);
  const rowContext = { parseTime: localTimeReader(ctx.store.timezone, { recordsAsOf: new Date() }), digits: minorUnitDigits(ctx.store.currency) };

  const errors: ImportError[] = [];
  let errorCount = 0;
  const noteError = (error: ImportError) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
  };
  let processed = 0;
  let ignored = 0;
  // Rows not valid, or skipped with one that is not: a row can have several errors.
  let invalidRows = 0;
  let totalRows: number | null = null;

  // Rows left out: those the format leaves out (online-retail's guest checkouts, also counted
  // apart as ignoredRows) and, with skipInvalid, the rows skipped as not valid.
  const skipped = () => ignored + invalidRows;
  const report = async () => {
    await db
      .update(imports)
      .set({ processedRows: processed, skippedRows: skipped(), ignoredRows: ignored, heartbeatAt: new Date() })
      .where(where);
    onProgress?.({ processedRows: processed, totalRows, skippedRows: skipped() });
  };

  let staging: Promise<void> = Promise.resolve();
  let reporting: Promise<void> = Promise.resolve();
  let counting: Promise<void> = Promise.resolve();
  let stopHeartbeat = () => {};
  try {
    await db.update(imports).set({ status: "running", startedAt: new Date(), heartbeatAt: new Date() }).where(where);
    // The count for the progress bar's total runs beside the import instead of before it (a
    // whole second's pass of the Online Retail file): the total shows up a moment after the
    // first rows, and the gunzip of the count runs on libuv's threads.
    const maxUnpacked = readEnv().LAOKE_MAX_UNPACKED_BYTES;
    counting = countRows(path, maxUnpacked).then(async (rows) => {
      totalRows = rows;
      await db.update(imports).set({ totalRows }).where(where);
    });
    counting.catch(() => undefined); // awaited below

    const records = csvBatches(await openText(path, maxUnpacked), { maxRecordChars: MAX_RECORD_CHARS });

    // Orders and returns with a row that is not valid, and that row's number (skipInvalid).
    const brokenGroups = { orderLines: new Map<string, number>(), returns: new Map<string, number>() };
    let batch = new StagingBatch();
    // The database stages one batch while the next is parsed: parsing is this process's work,
    // the insert the database's (another process when embedded, a server otherwise), so the two
    // overlap instead of taking turns. One batch in flight at most keeps memory flat; its error
    // surfaces at the next flush. The progress is written once its batch is in, beside the next
    // batch's insert rather than before it: a commit of its own, which held up every batch (0.5–
    // 0.7 s of the Online Retail file's 7–8 s of reading, on a busy machine). Each batch is
    // its own transaction: a lone INSERT commits even when the process dies while it runs, after
    // the cleanup of the interrupted import has already cleared the staging; uncommitted, it goes.
    const flush = async () => {
      // Its statements are built before the wait for the batch in flight: the batch's values
      // (a string per cell) can then go, instead of living on, with the batch, through the
      // young generation's collections while the next batch is read.
      const statements = batch.statements(storeId, importId);
      batch = new StagingBatch();
      await staging;
      const stage = () => db.transaction((tx) => stageStatements(tx, statements));
      // Staged after a bad row too: a file that fails is still checked against the store, so its
      // unknown orders are named with its bad values rather than on the next attempt.
      const staged = statements.length > 0 ? stage() : Promise.resolve();
      staging = staged;
      staging.catch(() => undefined); // handled at the next flush, or below
      reporting = reporting.then(() => staged).then(report);
      reporting.catch(() => undefined); // handled below
    };
    let header: string[] | null = null;
    // Where the header has each of the format's columns (the last of a repeated name, as a record
    // keyed by the header's names kept it), and the row's cells in the format's order, refilled
    // for each row: the format reads nothing of a row once it has returned or thrown.
    let columnAt: number[] = [];
    const row: string[] = [];
    // The row a record is on as a spreadsheet numbers it (the header is row 1): blank lines are
    // rows too, counted once a record follows them (the newlines that end a file are no rows).
    let rowNo = 0;
    let blankRows = 0;
    for await (const rows of records) {
      for (const cells of rows) {
        // A line of spaces (an editor's leftover) is as blank as an empty one.
        if (cells.length === 1 && cells[0]!.trim() === "") {
          blankRows++;
          continue;
        }
        rowNo += blankRows + 1;
        if (header) processed += blankRows + 1;
        blankRows = 0;
        if (!header) {
          header = cells.map((h) => h.trim());
          const missing = format.headers.filter((h) => !header!.includes(h));
          const lookalike = missing.length ? lookalikeFormat(header, job) : null;
          if (lookalike) throw new ImportFailed(lookalikeReason(lookalike, job));
          // One column holding the format's names between semicolons or tabs: what a spreadsheet in
          // a European locale, or "text (tab delimited)", saves. Said so rather than every column missing.
          const separator = header.length === 1 ? [";", "\t"].find((s) => header![0]!.split(s).some((h) => format.headers.includes(h.trim()))) : undefined;
          if (separator) throw new ImportFailed(reason("notCommaSeparated", { separator: separator === "\t" ? "tab" : "semicolon" }));
          // Said once: the columns missing and the header's own. A header with none of the format's
          // columns listed them all twice ("missing: …; expected …") and blamed the first of them.
          if (missing.length === format.headers.length) {
            throw new ImportFailed(reason("headerMatchesNone"), [
              { row: rowNo, ...reason("noFormatColumn", { expected: format.headers.join(", "), found: headerNames(header) }) },
            ]);
          }
          // The columns named once, on the header's row (the page, the CLI and the error report list
          // the rows under the message, which said them again).
          if (missing.length) {
            throw new ImportFailed(reason("lacksColumns", { count: missing.length, row: rowNo }), [
              { row: rowNo, column: missing[0], ...reason("missingColumns", { count: missing.length, columns: missing.join(", "), found: headerNames(header) }) },
            ]);
          }
          columnAt = format.headers.map((h) => header!.lastIndexOf(h));
          continue;
        }
        for (let i = 0; i < columnAt.length; i++) row[i] = cells[columnAt[i]!] ?? "";
        try {
          if (cells.length !== header.length) {
            throw new RowError("", reason("columnCount", { found: cells.length, expected: header.length }));
          }
          // Every column is one line (ids, names, numbers, times): no control character, no bidi override.
          for (let i = 0; i < row.length; i++) {
            const char = forbiddenCharacter(row[i]!);
            if (char) throw new RowError(format.headers[i]!, reason("forbiddenCharacter", { char }));
          }
          const staged = format.read(row, rowContext);
          if (staged === "ignored") ignored++;
          else batch.add(rowNo, staged);
        } catch (error) {
          if (!(error instanceof RowError || error instanceof RowErrors)) throw error;
          invalidRows++;
          for (const e of error instanceof RowErrors ? error.errors : [error]) noteError({ row: rowNo, column: e.column, ...e.reason });
          // The row names the order (or return) it belongs to: skip all of it. A row of the wrong
          // length is named by the column where the header has the id: an unquoted comma in a
          // product's name shifts only the columns after it, and its order, imported without
          // this line, landed with a wrong total.
          const group = job.skipInvalid ? format.groupOf?.(row) : null;
          if (group && !brokenGroups[group.table].has(group.externalId)) brokenGroups[group.table].set(group.externalId, rowNo);
        }
        if (batch.size >= BATCH_ROWS || processed % BATCH_ROWS === 0) await flush();
      }
    }
    if (!header) throw new ImportFailed(reason("emptyFile"));
    await flush();
    await staging;
    await reporting;
    await counting;
    if (errorCount > 0 && !job.skipInvalid) {
      const sumReturnLines = job.format === "online-retail";
      const refused = await db.transaction(async (tx) => {
        await planForStagedRows(tx);
        return refusedStagedRows({ tx, storeId, importId, sumReturnLines, digits: rowContext.digits });
      });
      for (const e of refused) noteError(e);
      throw new ImportFailed(reason("rowsInvalid", { count: invalidRows + new Set(refused.map((e) => e.row)).size }), errors);
    }
    // From here on no batch reports progress, and a merge and a recompute of a large file can
    // outlast STALE_AFTER_MS: without a beat, a poll would take the import for dead and clear
    // its staged rows under the running merge.
    stopHeartbeat = startHeartbeat(() => db.update(imports).set({ heartbeatAt: new Date() }).where(where), HEARTBEAT_MS);
    const dropped = await dropStagedGroups(db, storeId, importId, {
      orderLines: [...brokenGroups.orderLines.keys()],
      returns: [...brokenGroups.returns.keys()],
    });
    invalidRows += dropped.length;
    for (const row of dropped) {
      const badRow = brokenGroups.orderLines.get(row.externalId) ?? brokenGroups.returns.get(row.externalId);
      noteError({ row: row.rowNo, ...reason("skippedWithGroup", { externalId: row.externalId, row: badRow ?? "" }) });
    }

    // Run again when PostgreSQL breaks a deadlock with it (an API batch naming the same
    // customers in another order): it rolled back whole, and the staged rows are still there.
    const merged = await retryOnDeadlock(() =>
      db.transaction(async (tx) => {
        await planForStagedRows(tx);
        const result = await mergeStaged({ tx, storeId, importId, skipInvalid: job.skipInvalid, sumReturnLines: job.format === "online-retail", digits: rowContext.digits });
        // Committed with the merge: if the process dies before the import is marked done, this
        // says the file is in the store (see settleImports).
        await tx.update(imports).set({ counts: result.counts }).where(where);
        // The planner's statistics of the rows just written, committed with them (ANALYZE counts
        // its own transaction's rows): refreshed after the commit, they were lost with a process
        // that died in between, and the store's next recompute, planned as for an empty store,
        // ran for many minutes.
        if (processed >= BATCH_ROWS) await refreshStatistics(tx, writtenTables(result.counts));
        return result;
      }),
    ).catch((error: unknown) => {
      if (error instanceof StagedRowsRejected) {
        throw new ImportFailed(reason("rowsRefused", { count: new Set(error.errors.map((e) => e.row)).size }), error.errors);
      }
      throw error;
    });
    invalidRows += new Set(merged.skipped.map((e) => e.row)).size;
    for (const skipped of merged.skipped) noteError(skipped);
    await clearImportStaging(db, storeId, importId);
    // The file is in the store from here on: what fails now is reported, not taken for the
    // import's failure.
    const recomputed = await recomputeAfterWrite(storeId, `import ${importId}`, { followUps: "later" });
    const [done] = await db
      .update(imports)
      .set({
        status: "succeeded",
        // The rows the import read, now known exactly (the count beside it read lines, and a
        // quoted field may hold line breaks).
        totalRows: processed,
        processedRows: processed,
        skippedRows: skipped(),
        ignoredRows: ignored,
        errorCount,
        errors: byRow(errors),
        counts: merged.counts,
        ...(recomputed ? {} : messageColumns(reason("notRecomputed"))),
        finishedAt: new Date(),
      })
      .where(where)
      .returning();
    onProgress?.({ processedRows: processed, totalRows: processed, skippedRows: skipped() });
    // Once the import has said it succeeded: the store's co-purchase counts and the embedded
    // database's upkeep, which its recompute left for now. Awaited, so the CLI (and a test)
    // returns with them current; a poller of the import on PostgreSQL does not wait (the
    // embedded database, one session, answers it once they are done).
    await catchUpAfterScores(storeId).catch((error: unknown) =>
      console.error(`[import ${importId}] imported and scored, but bringing the co-purchase counts up to date failed:`, error),
    );
    return done!;
  } catch (error) {
    const failure = error instanceof ImportFailed ? error : fileFailure(error);
    if (!failure) console.error(`[import ${importId}]`, error);
    for (const e of failure?.errors ?? []) if (!errors.includes(e)) noteError(e);
    await staging.catch(() => undefined);
    await reporting.catch(() => undefined);
    await counting.catch(() => undefined);
    await clearImportStaging(db, storeId, importId).catch(() => undefined);
    const [failed] = await db
      .update(imports)
      .set({
        status: "failed",
        processedRows: processed,
        skippedRows: 0,
        ignoredRows: ignored,
        errorCount,
        errors: byRow(errors),
        ...messageColumns(failure?.reason ?? reason("unexpected")),
        finishedAt: new Date(),
      })
      .where(and(where, isNull(imports.counts)))
      .returning();
    if (failed) return failed;
    // The merge had committed: the file is in the store, whatever failed after it.
    await settleImports(where);
    return (await db.select().from(imports).where(where))[0]!;
  } finally {
    stopHeartbeat();
  }
}

/**
 * Settles imports whose process died: one that died before its merge committed is failed (the
 * store never saw its rows, and the file can simply be imported again); one that died after it
 * (its counts are written with the merge) succeeded, but its scores were not recomputed. Its
 * tables are analyzed again here: a large file's statistics already commit with its merge, so
 * this repeats that ANALYZE (and covers a small file, which the import itself does not analyze).
 * Their staged rows and uploaded file go either way.
 */
async function settleImports(where: SQL | undefined): Promise<void> {
  const db = getDb();
  const dead = and(where, inArray(imports.status, ["queued", "running"]));
  const merged = await db
    .update(imports)
    .set({ status: "succeeded", ...messageColumns(reason("notRecomputed")), finishedAt: new Date() })
    .where(and(dead, isNotNull(imports.counts)))
    .returning({ id: imports.id, storeId: imports.storeId, counts: imports.counts });
  const failed = await db
    .update(imports)
    .set({ status: "failed", ...messageColumns(reason("interrupted")), finishedAt: new Date() })
    .where(dead)
    .returning({ id: imports.id, storeId: imports.storeId });
  for (const { id, storeId } of [...merged, ...failed]) {
    await clearImportStaging(db, storeId, id);
    fs.rmSync(uploadPath(storeId, id), { force: true }); // an upload through the API or the page
  }
  const written = new Set(merged.flatMap(({ counts }) => writtenTables(counts ?? {})));
  await refreshStatistics(db, STORE_DATA_TABLES.filter((table) => written.has(table)));
}

/** Settles the imports of a store (or one of them) that have not reported for a while: their process died. */
export async function failInterruptedImports(storeId: number, importId?: number): Promise<void> {
  const stale = new Date(Date.now() - STALE_AFTER_MS);
  await settleImports(
    and(
      eq(imports.storeId, storeId),
      importId === undefined ? undefined : eq(imports.id, importId),
      or(lt(imports.heartbeatAt, stale), and(isNull(imports.heartbeatAt), lt(imports.createdAt, stale))),
    ),
  );
}

/**
 * Settles every import left running, in every store: for the process that has just opened the
 * embedded database, which no other process can be importing into.
 */
export async function settleImportsLeftRunning(): Promise<void> {
  await settleImports(undefined);
}

export async function markImportFailed(storeId: number, importId: number, why: Localizable): Promise<void> {
  await getDb()
    .update(imports)
    .set({ status: "failed", ...messageColumns(why), finishedAt: new Date() })
    .where(and(eq(imports.storeId, storeId), eq(imports.id, importId)));
}

export async function getImport(ctx: StoreContext, importId: number): Promise<Import> {
  assertRole(ctx, "owner");
  // A poller must not see "running" for ever once the process running the import has died.
  await failInterruptedImports(ctx.store.id, importId);
  const [row] = await getDb()
    .select()
    .from(imports)
    .where(and(eq(imports.storeId, ctx.store.id), eq(imports.id, importId)));
  if (!row) throw new AppError("not_found", "No such import in this store.", "errors.noSuchImport");
  return row;
}

export async function listImports(ctx: StoreContext, limit = 50) {
  assertRole(ctx, "owner");
  await failInterruptedImports(ctx.store.id);
  return getDb()
    .select()
    .from(imports)
    .where(eq(imports.storeId, ctx.store.id))
    .orderBy(desc(imports.id))
    .limit(limit);
}

