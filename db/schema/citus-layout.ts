import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";

/**
 * What Citus needs to shard by tenant: every table with a store_id column has store_id in its
 * primary key and in every unique key, and every foreign key from it to another store-owned
 * table carries store_id on both sides. Returns the violations, in words.
 */
export function citusLayoutViolations(tables: PgTable[]): string[] {
  const configs = tables.map((table) => getTableConfig(table));
  const storeOwned = new Set(configs.filter((c) => c.columns.some((col) => col.name === "store_id")).map((c) => c.name));
  const problems: string[] = [];
  for (const config of configs) {
    if (!storeOwned.has(config.name)) continue;
    const pkColumns = [
      ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
      ...config.columns.filter((c) => c.primary).map((c) => c.name),
    ];
    if (pkColumns.length === 0) problems.push(`${config.name}: no primary key`);
    else if (!pkColumns.includes("store_id")) problems.push(`${config.name}: primary key (${pkColumns.join(", ")}) lacks store_id`);
    for (const column of config.columns) {
      if (column.isUnique && column.name !== "store_id") problems.push(`${config.name}.${column.name}: unique without store_id`);
    }
    for (const unique of config.uniqueConstraints) {
      if (!unique.columns.some((c) => c.name === "store_id")) problems.push(`${config.name}: unique ${unique.getName()} lacks store_id`);
    }
    for (const index of config.indexes) {
      const columns = index.config.columns.map((c) => ("name" in c ? c.name : ""));
      if (index.config.unique && !columns.includes("store_id")) problems.push(`${config.name}: unique index ${index.config.name} lacks store_id`);
    }
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      if (!storeOwned.has(target)) continue;
      const local = ref.columns.map((c) => c.name);
      const foreign = ref.foreignColumns.map((c) => c.name);
      if (local.indexOf("store_id") === -1 || local.indexOf("store_id") !== foreign.indexOf("store_id")) {
        problems.push(`${config.name}: foreign key to ${target} (${local.join(", ")}) does not pair store_id with store_id`);
      }
    }
  }
  return problems;
}
