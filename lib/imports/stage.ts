import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import type { StagedRecord } from "./records";

export interface StagedRow {
  rowNo: number;
  record: StagedRecord;
}

type Value = string | number | boolean | Date | null;
type ColumnType = "text" | "int" | "bigint" | "boolean" | "timestamptz";
type Table = StagedRecord["table"];
type ValuesOf<T extends Table> = Extract<StagedRecord, { table: T }>["values"];

// Where each kind of record is staged: its table, and each column's name, type and value.
const STAGING: { [T in Table]: { table: string; columns: [string, ColumnType, (values: ValuesOf<T>) => Value][] } } = {
  orderLines: {
    table: "staged_order_lines",
    columns: [
      ["order_external_id", "text", (v) => v.orderExternalId],
      ["customer_external_id", "text", (v) => v.customerExternalId],
      ["customer_name", "text", (v) => v.customerName],
      ["placed_at", "timestamptz", (v) => v.placedAt],
      ["status", "text", (v) => v.status],
      ["group_buy", "boolean", (v) => v.groupBuy],
      ["product_external_id", "text", (v) => v.productExternalId],
      ["product_name", "text", (v) => v.productName],
      ["quantity", "int", (v) => v.quantity],
      ["unit_price", "bigint", (v) => v.unitPrice],
      ["line_amount", "bigint", (v) => v.lineAmount],
    ],
  },
  returns: {
    table: "staged_returns",
    columns: [
      ["external_id", "text", (v) => v.externalId],
      ["customer_external_id", "text", (v) => v.customerExternalId],
      ["order_external_id", "text", (v) => v.orderExternalId],
      ["type", "text", (v) => v.type],
      ["amount", "bigint", (v) => v.amount],
      ["requested_at", "timestamptz", (v) => v.requestedAt],
      ["status", "text", (v) => v.status],
    ],
  },
  reviews: {
    table: "staged_reviews",
    columns: [
      ["external_id", "text", (v) => v.externalId],
      ["customer_external_id", "text", (v) => v.customerExternalId],
      ["order_external_id", "text", (v) => v.orderExternalId],
      ["product_external_id", "text", (v) => v.productExternalId],
      ["rating", "int", (v) => v.rating],
      ["has_photos", "boolean", (v) => v.hasPhotos],
      ["likes", "int", (v) => v.likes],
      ["created_at", "timestamptz", (v) => v.createdAt],
    ],
  },
  shares: {
    table: "staged_shares",
    columns: [
      ["external_id", "text", (v) => v.externalId],
      ["customer_external_id", "text", (v) => v.customerExternalId],
      ["product_external_id", "text", (v) => v.productExternalId],
      ["shared_at", "timestamptz", (v) => v.sharedAt],
      ["conversions", "int", (v) => v.conversions],
    ],
  },
};

/**
 * Checked rows waiting to be staged, held by column (a batch of each table's row numbers and
 * values): a record is taken apart as it is added, so it dies young, where the records of a
 * whole batch, held until it was written, outlived the young generation (the garbage collector's
 * costliest case) on every batch of a large file.
 */
export class StagingBatch {
  private readonly tables = new Map<Table, { rowNos: number[]; columns: Value[][] }>();
  size = 0;

  add(rowNo: number, record: StagedRecord): void {
    let held = this.tables.get(record.table);
    if (!held) {
      held = { rowNos: [], columns: STAGING[record.table].columns.map(() => []) };
      this.tables.set(record.table, held);
    }
    held.rowNos.push(rowNo);
    const columns = STAGING[record.table].columns as [string, ColumnType, (values: StagedRecord["values"]) => Value][];
    for (let i = 0; i < columns.length; i++) held.columns[i]!.push(columns[i]![2](record.values));
    this.size++;
  }

  /** The insert of each table's rows, in the order of STAGING. */
  statements(storeId: number, importId: number): SQL[] {
    return (Object.keys(STAGING) as Table[]).flatMap((table) => {
      const held = this.tables.get(table);
      if (!held) return [];
      const { table: name, columns } = STAGING[table];
      return [insertUnnest(name, storeId, importId, columns.map(([column, type], i) => [column, type, held.columns[i]!]), held.rowNos)];
    });
  }
}

// One array literal per column, cast in SQL and unnested, so a batch is one statement with a
// dozen parameters whatever its size: no row-by-row inserts and no 65,535-parameter limit.
// The literals are built here rather than by node-postgres, whose per-element escaping of
// arrays cost 0.8 s of CPU on the 541,909-row Online Retail file. Each column is built by its
// type: numbers and booleans need no quoting, and a column of texts none of which is null or
// holds a quote or a backslash is one join; otherwise each text is escaped only when it needs
// it; an order's lines share its time, so a time is formatted once for a run of equal ones.
// Built element by element with type checks, the statements of that file took 1.3–1.5 s of CPU
// to build; built so from records, 0.5–0.6 s; from columns (StagingBatch), 0.2 s.
const NEEDS_ESCAPE = /["\\]/;

function textElement(value: string | null): string {
  if (value === null) return "NULL";
  return NEEDS_ESCAPE.test(value) ? `"${value.replace(/["\\]/g, "\\$&")}"` : `"${value}"`;
}

function arrayLiteral(type: ColumnType, values: Value[]): string {
  if (values.length === 0) return "{}";
  if (type === "text") {
    const texts = values as (string | null)[];
    if (texts.every((v) => v !== null && !NEEDS_ESCAPE.test(v))) return `{"${texts.join('","')}"}`;
    return `{${texts.map(textElement).join(",")}}`;
  }
  if (type === "timestamptz") {
    let lastTime = Number.NaN;
    let lastText = "";
    const elements = (values as (Date | null)[]).map((v) => {
      if (v === null) return "NULL";
      const time = v.getTime();
      if (time !== lastTime) {
        lastTime = time;
        lastText = v.toISOString();
      }
      return lastText;
    });
    return `{${elements.join(",")}}`;
  }
  // Numbers and booleans as join writes them ("true" and "false" are PostgreSQL's booleans too);
  // join would write a null as nothing.
  if (values.includes(null)) return `{${values.map((v) => (v === null ? "NULL" : String(v))).join(",")}}`;
  return `{${values.join(",")}}`;
}

function insertUnnest(table: string, storeId: number, importId: number, columns: [string, ColumnType, Value[]][], rowNos: number[]): SQL {
  const names = sql.raw(columns.map(([name]) => name).join(", "));
  const arrays = sql.join(
    [["row_no", "int", rowNos] as const, ...columns].map(([, type, values]) => sql`${arrayLiteral(type, values)}::${sql.raw(type)}[]`),
    sql`, `,
  );
  return sql`insert into ${sql.raw(table)} (store_id, import_id, row_no, ${names})
    select ${storeId}, ${importId}, * from unnest(${arrays})`;
}

/** Runs the statements of a batch (StagingBatch.statements). */
export async function stageStatements(db: DbOrTx, statements: SQL[]): Promise<void> {
  for (const statement of statements) await db.execute(statement);
}

/** Writes checked rows into the staging tables. */
export async function stageRows(db: DbOrTx, storeId: number, importId: number, rows: StagedRow[]): Promise<void> {
  const batch = new StagingBatch();
  for (const { rowNo, record } of rows) batch.add(rowNo, record);
  await stageStatements(db, batch.statements(storeId, importId));
}

/**
 * Drops the staged rows of records one of whose rows was not valid (skipInvalid): an order
 * without one of its lines would land with a wrong total. Returns the rows dropped.
 */
export async function dropStagedGroups(
  db: DbOrTx,
  storeId: number,
  importId: number,
  groups: { orderLines: string[]; returns: string[] },
): Promise<{ rowNo: number; externalId: string }[]> {
  const dropped: { rowNo: number; externalId: string }[] = [];
  const tables = [
    ["staged_order_lines", "order_external_id", groups.orderLines],
    ["staged_returns", "external_id", groups.returns],
  ] as const;
  for (const [table, column, ids] of tables) {
    if (ids.length === 0) continue;
    const { rows } = await db.execute<{ row_no: number; external_id: string }>(sql`
      delete from ${sql.raw(table)}
      where store_id = ${storeId} and import_id = ${importId} and ${sql.raw(column)} = any(${sql.param(ids)}::text[])
      returning row_no, ${sql.raw(column)} as external_id`);
    for (const row of rows) dropped.push({ rowNo: Number(row.row_no), externalId: row.external_id });
  }
  return dropped.sort((a, b) => a.rowNo - b.rowNo);
}

const STAGING_TABLES = Object.values(STAGING).map((staging) => staging.table);

/** Drops an API batch's staged rows, in the batch's transaction. */
export async function clearStaged(db: DbOrTx, storeId: number, importId: number): Promise<void> {
  for (const table of STAGING_TABLES) {
    await db.execute(sql`delete from ${sql.raw(table)} where store_id = ${storeId} and import_id = ${importId}`);
  }
}

/**
 * Drops a file import's staged rows (after its merge, or when it failed or was interrupted): a
 * table that holds no other import's rows is emptied by TRUNCATE, which frees it at once. Deleted
 * row by row, a large file's rows stayed behind as dead versions (the Online Retail file's
 * 397,924 lines: 0.2 s to delete on PostgreSQL, then a VACUUM of them, which the embedded
 * database runs itself). Each table in a transaction of its own, locked before the look so no
 * other import stages rows between the look and the TRUNCATE; one table at a time, so two
 * imports clearing never wait on each other in a circle.
 */
export async function clearImportStaging(db: Db, storeId: number, importId: number): Promise<void> {
  for (const table of STAGING_TABLES) {
    const staged = sql.raw(table);
    await db.transaction(async (tx) => {
      await tx.execute(sql`lock table ${staged} in access exclusive mode`);
      // Other imports' rows, by the key on both sides of this import's range (no scan of this one's).
      const { rows } = await tx.execute<{ others: boolean }>(sql`
        select exists (select 1 from ${staged} where (store_id, import_id) < (${storeId}, ${importId}))
            or exists (select 1 from ${staged} where (store_id, import_id) > (${storeId}, ${importId})) as others`);
      if (rows[0]?.others) await tx.execute(sql`delete from ${staged} where store_id = ${storeId} and import_id = ${importId}`);
      else await tx.execute(sql`truncate ${staged}`);
    });
  }
}
