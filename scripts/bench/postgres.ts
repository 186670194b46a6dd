// Where the PostgreSQL half of the bench runs: a throwaway database when the URL's user may
// create databases, otherwise the URL's own database (the bench then deletes what it made).
import pg from "pg";

export interface BenchDatabase {
  url: string;
  /** True when `url` is a database the bench created and will drop. */
  throwaway: boolean;
  description: string;
  drop(): Promise<void>;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The URL's password hidden, for log lines. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

export async function prepareBenchDatabase(url: string, name: string): Promise<BenchDatabase> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ may: boolean }>(
      "select rolcreatedb or rolsuper as may from pg_roles where rolname = current_user",
    );
    if (!rows[0]?.may) {
      return {
        url,
        throwaway: false,
        description: `${redact(url)} (its user may not create databases: the bench uses this database and deletes its store afterwards)`,
        async drop() {},
      };
    }
    await admin.query(`create database ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${encodeURIComponent(name)}`;
  let dropped = false;
  return {
    url: target.toString(),
    throwaway: true,
    description: `throwaway database ${name} on ${target.host}`,
    async drop() {
      if (dropped) return;
      dropped = true;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
