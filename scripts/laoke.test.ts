import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedServer, type EmbeddedServer } from "@/db/embedded";
import { tempDirs } from "@/tests/temp-dir";

const run = promisify(execFile);
const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");

async function laoke(dataDir: string, ...args: string[]) {
  return laokeIn(process.cwd(), dataDir, ...args);
}

/** As `npm run laoke` typed in `shellDir`: npm runs the script in the package's folder and names `shellDir` in INIT_CWD. */
async function laokeIn(shellDir: string, dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LAOKE_DATA_DIR: dataDir, INIT_CWD: shellDir };
  delete env.DATABASE_URL;
  return run(tsx, ["--conditions=react-server", "scripts/laoke.ts", ...args], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** Writes `content` as the file `name` in the data directory and imports it into `store` as orders. */
async function importOrders(dataDir: string, store: string, name: string, content: string | Buffer) {
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, content);
  return laoke(dataDir, "import", "--store", store, "--kind", "orders", "--file", file);
}

describe("the command line on the embedded database", () => {
  const dataDir = tempDirs("laoke-cli-")();

  it("creates a store, users and a token, printing what it did", async () => {
    const store = await laoke(dataDir, "store", "create", "--slug", "tea", "--name", "Tea House", "--currency", "GBP", "--timezone", "Europe/London");
    expect(store).toMatchObject({ code: 0 });
    expect(store.stdout).toContain('Created store tea "Tea House" (GBP, Europe/London).');

    const owner = await laoke(dataDir, "user", "create", "--email", "Boss@Tea.example", "--password", "boss-password", "--store", "tea", "--role", "owner");
    expect(owner.stdout).toContain("Created user boss@tea.example as owner of tea.");
    const again = await laoke(dataDir, "user", "create", "--email", "boss@tea.example", "--password", "ignored-pw", "--store", "tea", "--role", "owner");
    expect(again.stdout).toContain("already existed (password unchanged); already owner of tea.");

    const token = await laoke(dataDir, "token", "create", "--store", "tea", "--name", "ERP");
    expect(token.code).toBe(0);
    expect(token.stdout.trim().split("\n").at(-1)).toMatch(/^lk_\d+_[A-Za-z0-9_-]{43}$/);

    const rescore = await laoke(dataDir, "rescore", "--store", "tea", "--as-of", "2026-06-30T12:00:00+08:00");
    expect(rescore.code).toBe(0);
    expect(rescore.stdout).toContain("Scored tea as of 2026-06-30T04:00:00.000Z with rules v1");
    expect(rescore.stdout).toContain("0 customers");

    // A history older than the scoring window: imported, but nobody scored, and the way out named.
    const file = path.join(dataDir, "old-orders.csv");
    fs.writeFileSync(
      file,
      "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice\n" +
        "O1,C1,Ann,2011-12-09 12:50:00,paid,false,P1,Mug,2,3.50\n",
    );
    const imported = await laoke(dataDir, "import", "--store", "tea", "--kind", "orders", "--file", file);
    expect(imported.code).toBe(0);
    // One row and one customer, each said in the singular.
    expect(imported.stdout).toContain("Imported 1 row in");
    expect(imported.stdout).toContain("scores recomputed: 1 customer, 0 with a paid order in the scoring window (the last 365 days).");
    expect(imported.stdout).toContain("To score an older history, widen the scoring window in the store's settings (0 = all history).");

    // A header alone is nothing to import, not "nothing changed"; a gzip file cut short is said
    // to be damaged, without a stack trace.
    const headerOnly = path.join(dataDir, "header-only.csv");
    fs.writeFileSync(headerOnly, fs.readFileSync(file, "utf8").split("\n")[0] + "\n");
    const nothing = await laoke(dataDir, "import", "--store", "tea", "--kind", "orders", "--file", headerOnly);
    expect(nothing.stdout).toContain("Imported 0 rows");
    expect(nothing.stdout).toContain("(the file has no rows under its header)");
    // A reason given for many rows is printed once, naming them; a file's own is not printed twice.
    const bad = path.join(dataDir, "bad-quantity.csv");
    fs.writeFileSync(bad, fs.readFileSync(headerOnly, "utf8") + ["O2", "O3", "O4"].map((o) => `${o},C1,Ann,2011-12-09 12:50:00,paid,false,P1,Mug,0,3.50\n`).join(""));
    const refused = await laoke(dataDir, "import", "--store", "tea", "--kind", "orders", "--file", bad);
    expect(refused.code).toBe(2);
    expect(refused.stdout.split("\n").filter((line) => line.includes("0 is below 1"))).toEqual(["  rows 2–4 (quantity): 0 is below 1"]);
    const cut = path.join(dataDir, "cut.csv.gz");
    fs.writeFileSync(cut, zlib.gzipSync(fs.readFileSync(file)).subarray(0, 30));
    const damaged = await laoke(dataDir, "import", "--store", "tea", "--kind", "orders", "--file", cut);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain("The file is gzip-compressed but damaged or cut short");
    expect(damaged.stderr + damaged.stdout).not.toMatch(/Z_BUF_ERROR|\n\s+at /);
  }, 120_000);

  it("says a header lacking columns once: the columns, the row and the count are not repeated under the message", async () => {
    expect((await laoke(dataDir, "store", "create", "--slug", "lacking", "--name", "Lacking")).code).toBe(0);
    const refused = await importOrders(
      dataDir,
      "lacking",
      "lacking.csv",
      "orderExternalId,customerExternalId,customerName,placedAt,productExternalId,productName,quantity,unitPrice\nO1,C1,Ann,2026-05-01 10:00:00,P1,Mug,2,3.50\n",
    );
    expect(refused.code).toBe(2);
    const said = refused.stdout + refused.stderr;
    // It printed "  row 1 (status): missing columns: status, groupBuy; …" over "… lacks 2 columns … (see row 1)".
    expect(said.match(/status, groupBuy/g)).toHaveLength(1);
    expect(said).not.toMatch(/row 1 \(status\)|see row 1/);
    expect(refused.stderr).toMatch(
      /failed after [\d.]+ s: The file's header \(row 1\) lacks the columns status, groupBuy, which the kind and format picked need; nothing was imported\. The header's columns are orderExternalId, customerExternalId, customerName, placedAt, productExternalId, productName, quantity, unitPrice\.\n/,
    );
  }, 60_000);

  it("refuses a file that is not text with one message, naming no row or line of it", async () => {
    expect((await laoke(dataDir, "store", "create", "--slug", "binary", "--name", "Binary")).code).toBe(0);
    // A PDF's first kilobytes are lines of text: it was "not readable CSV: its text is not UTF-8 (line 2)".
    const pdf = Buffer.concat([Buffer.from(`%PDF-1.7\n%\u00e2\u00e3\n${"1 0 obj\n<< /Type /Catalog >>\nendobj\n".repeat(300)}`, "latin1"), zlib.gzipSync("x".repeat(10_000))]);
    const refused = await importOrders(dataDir, "binary", "invoice.csv", pdf);
    expect(refused.code).toBe(2);
    expect(refused.stdout).not.toMatch(/row|line/);
    expect(refused.stderr).toMatch(/failed after [\d.]+ s: The file is not text, so not CSV \(it looks like an image, an archive or another program's file\); nothing was imported\./);
  }, 60_000);

  it.each([
    [["store", "create", "--slug", "tea", "--name", "Again"], 'The store slug "tea" is already taken', "already exists"],
    [["store", "create", "--slug", "Bad Slug", "--name", "x"], "slug", "slug"],
    [["user", "create", "--email", "a@b.example", "--password", "long-enough", "--store", "nope", "--role", "owner"], 'No store with the slug "nope"', "nope"],
    [["user", "create", "--email", "a@b.example", "--password", "long-enough", "--store", "tea", "--role", "king"], "--role must be owner or staff", "king"],
    [["user", "create", "--email", "not-an-email", "--password", "long-enough", "--store", "tea", "--role", "staff"], "email", "email"],
    [["user", "create", "--email", "c@d.example", "--password", "short", "--store", "tea", "--role", "staff"], "8", "8"],
    [["token", "create", "--store", "tea"], "Missing --name.", "Missing --name."],
    [["store", "create", "--slug", "rtl", "--name", "茶\u202E馆"], "a bidi override", "--name: must not contain U+202E"],
    [["token", "create", "--store", "tea", "--name", "ERP\u0007"], "a control character", "--name: must not contain U+0007"],
    [["token", "create", "--store", "tea", "--name", "🔑".repeat(81)], "81 emoji", "--name: Too big: expected string to have <=80 characters"],
    [["seed", "--store", "tea", "--orders", "many"], "--orders must be a positive whole number", "many"],
    [["user", "create", "--email", "e@f.example", "--password", "long-enough", "--store", "tea", "--role", "staff", "--name", "王\n芳"], "a name of two lines", "--name: must not contain U+000A"],
    [["store", "create", "--slug", "x", "--name", "y", "--colour", "red"], "Unknown option '--colour'", "colour"],
    [["frobnicate"], 'Unknown command "frobnicate"', "frobnicate"],
    [["rescore", "--store", "tea", "--as-of", "yesterday"], "--as-of must be an ISO 8601 time", "yesterday"],
    [["rescore", "--store", "tea", "--as-of", "2026"], "--as-of must be an ISO 8601 time", "2026"],
    [["rescore", "--store", "tea", "--as-of", "2026-06-30T12:00:00"], "--as-of must be an ISO 8601 time", "with its offset"],
    [["rescore", "--store", "tea", "--as-of", "0001-01-01T00:00:00Z"], "--as-of must be an ISO 8601 time", "in the years 2000 to 2099"],
    [["rescore", "--store", "tea", "--as-of", "2099-01-01T00:00:00Z"], "a time far ahead", "--as-of 2099-01-01T00:00:00Z is more than 24 hours after now: check its year and time zone: points would be settled"],
  ])("exits non-zero with a clear message for %j", async (args, _what, expected) => {
    const result = await laoke(dataDir, ...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(expected);
  }, 60_000);

  it.each([[["help"]], [["--help"]]])("prints the usage and exits 0 for %j", async (args) => {
    const result = await laoke(dataDir, ...args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run laoke -- <command> [flags]");
    expect(result.stdout).toContain("--role owner|staff [--name n]");
    expect(result.stdout).toContain("Exit status: 0 done; 2 what was asked is refused (a flag, a value, a store, a file's rows); 1 it could not be done");
  }, 60_000);

  it.each([[["help", "user", "create"]], [["user", "create", "--help"]]])("prints that command's usage alone and exits 0 for %j", async (args) => {
    const result = await laoke(dataDir, ...args);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.trim()).toBe("Usage: npm run laoke -- user create --email e --password p --store s --role owner|staff [--name n]");
  }, 60_000);

  it("prints the usage on stderr and exits 2 when given nothing", async () => {
    const result = await laoke(dataDir);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain("Usage: npm run laoke -- <command> [flags]");
  }, 60_000);

  it.each([
    [["improt", "--store", "tea"], 'Unknown command "improt". Did you mean "import"? (npm run laoke -- help import)'],
    [["user", "creat", "--email", "a@b.example"], 'Unknown command "user creat". Did you mean "user create"?'],
    [["token"], 'Unknown command "token". Did you mean "token create"?'],
    [["help", "rescor"], 'Unknown command "rescor". Did you mean "rescore"?'],
  ])("names the closest command to a mistyped one and exits 2, for %j", async (args, expected) => {
    const result = await laoke(dataDir, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(expected);
  }, 60_000);

  it("suggests nothing for a word no command is close to", async () => {
    const result = await laoke(dataDir, "frobnicate");
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain("Did you mean");
  }, 60_000);

  it("refuses a flag given twice, naming both values, and does nothing", async () => {
    const twice = await laoke(dataDir, "store", "create", "--slug", "one", "--slug", "two", "--name", "Twice");
    expect(twice.code).toBe(2);
    expect(twice.stderr.trim()).toBe('Error: --slug was given 2 times ("one", "two"); give it once.');
    // Neither slug was taken.
    expect((await laoke(dataDir, "store", "create", "--slug", "two", "--name", "Once")).code).toBe(0);
  }, 60_000);

  // Up to 2^53 was taken: 99999999999 customers sat after "Seeding…" for hours in one transaction.
  it.each(["99999999999999999999", "10000001"])("refuses --customers %s, past the seed's bound, with exit 2 before it opens the database", async (customers) => {
    const untouched = path.join(dataDir, "never-seeded");
    const result = await laoke(untouched, "seed", "--store", "nope", "--customers", customers);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr.trim()).toBe(`Error: --customers must be a positive whole number (at most 10,000,000), not "${customers}".`);
    expect(fs.existsSync(untouched)).toBe(false);
  }, 60_000);

  it("refuses a --file that is a directory before it opens the database", async () => {
    const untouched = path.join(dataDir, "never-opened");
    // The store does not exist either: the file is checked first, and no data directory is made.
    const result = await laoke(untouched, "import", "--store", "nope", "--kind", "orders", "--file", dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`Error: --file ${dataDir} is a directory; give the CSV file in it (plain or gzip).`);
    expect(fs.existsSync(untouched)).toBe(false);
  }, 60_000);

  // Taken, an empty file became import #1 of the store, failed, for a file the export had not yet written.
  it("refuses an empty --file before it opens the database", async () => {
    const untouched = path.join(dataDir, "never-opened-empty");
    const empty = path.join(dataDir, "empty.csv");
    fs.writeFileSync(empty, "");
    const result = await laoke(untouched, "import", "--store", "nope", "--kind", "orders", "--file", empty);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr.trim()).toBe(`Error: --file ${empty} is empty (0 bytes); give the CSV file, its header row first.`);
    expect(fs.existsSync(untouched)).toBe(false);
  }, 60_000);

  // node:util's own words were "Option '--store <value>' argument missing" and "Unknown option
  // '--stor'", without "Error:", the flag meant, or the flags the command takes.
  it.each([
    [["rescore", "--stor", "tea"], "Error: rescore takes no flag --stor. Did you mean --store? It takes --store, --as-of."],
    [["seed", "--store", "tea", "-c", "5"], "Error: seed takes no flag -c. It takes --store, --customers, --orders, --seed."],
    [["import", "--store"], 'Error: --store needs a value (--store value; one that begins with "-" as --store=-value).'],
    [["token", "create", "--store", "tea", "--name", "-x"], 'Error: --name needs a value (--name value; one that begins with "-" as --name=-value).'],
    [["import", "--store", "tea", "--skip-invalid=yes"], "Error: --skip-invalid is a switch and takes no value."],
    [["import", "extra", "--store", "tea"], 'Error: "extra" is not a flag of import: each value follows its flag (--flag value).'],
  ])("says what is wrong with the flags of %j, the command's usage under it, and exits 2 before opening the database", async (args, expected) => {
    const untouched = path.join(dataDir, "never-opened-flags");
    const result = await laoke(untouched, ...args);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    const [said, usage] = result.stderr.trim().split("\n\n");
    expect(said).toBe(expected);
    expect(usage).toMatch(new RegExp(`^Usage: npm run laoke -- ${args[0] === "token" ? "token create" : args[0]} --store s`));
    expect(fs.existsSync(untouched)).toBe(false);
  }, 60_000);

  it("reads a relative --file from the directory the command was typed in, not the package's", async () => {
    const shellDir = path.join(dataDir, "exports");
    fs.mkdirSync(shellDir, { recursive: true });
    fs.writeFileSync(path.join(shellDir, "orders.csv"), "orderExternalId\n");
    // Found (it goes on to look for the store); it was looked for in the package's folder.
    const result = await laokeIn(shellDir, dataDir, "import", "--store", "nope", "--kind", "orders", "--file", "orders.csv");
    expect(result.stderr.trim()).toMatch(/^Error: No store with the slug "nope"/);
    expect(result.code).toBe(2);
  }, 60_000);

  it.each([
    [["user", "create", "--email", "not-an-email", "--password", "long-enough", "--store", "tea", "--role", "staff"], "Error: --email: Invalid email address"],
    [["user", "create", "--email", "short@pw.example", "--password", "short", "--store", "tea", "--role", "staff"], "Error: --password: Too small: expected string to have >=8 characters"],
    [["token", "create", "--store", "tea", "--name", "n".repeat(81)], "Error: --name: Too big: expected string to have <=80 characters"],
  ])("names the flag whose value it refuses, with the reason, and exits 2, for %j", async (args, expected) => {
    const result = await laoke(dataDir, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(expected);
  }, 60_000);
});

describe("the command line while the app serves the embedded database", () => {
  const dataDir = tempDirs("laoke-cli-running-")();
  let server: EmbeddedServer;

  beforeAll(async () => {
    server = await openEmbeddedServer(dataDir);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it("goes through the running server instead of opening the files a second time", async () => {
    const result = await laoke(dataDir, "store", "create", "--slug", "live", "--name", "Live Shop");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query("select name from stores where slug = 'live'");
    await client.end();
    expect(rows).toEqual([{ name: "Live Shop" }]);
  }, 120_000);
});

describe("the command line while another command holds the embedded database", () => {
  const dataDir = tempDirs("laoke-cli-held-")();
  let held: EmbeddedServer;

  beforeAll(async () => {
    // As a command (an import) opens it: to itself.
    held = await openEmbeddedServer(dataDir, { share: false });
  }, 60_000);
  afterAll(async () => {
    await held.close();
  });

  it("is refused with what to do, not let in to be cut off when that command exits", async () => {
    const result = await laoke(dataDir, "store", "create", "--slug", "late", "--name", "Late Shop");
    // It could not be done now (1), which is no refusal of what was asked (2): the same command runs once the other ends.
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Error: The embedded database in ${path.resolve(dataDir)} is already open by process ${process.pid}, a command that keeps it to itself. ` +
        "Wait for that command to finish, or start the app (npm start): while it runs, commands go through it. " +
        `(If no Laoke process is running, delete ${path.join(path.resolve(dataDir), "laoke.lock")}.)`,
    );
  }, 60_000);
});


describe("the command line with a data directory it cannot use", () => {
  const parent = tempDirs("laoke-cli-file-")();

  it("says which directory and what to do, and exits 1", async () => {
    const file = path.join(parent, "a-file");
    fs.writeFileSync(file, "");
    const result = await laoke(path.join(file, "data"), "store", "create", "--slug", "lost", "--name", "Lost Shop");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Error: Cannot use ${path.join(file, "data")} as the data directory (ENOTDIR: not a directory`);
    expect(result.stderr).toContain("Set LAOKE_DATA_DIR to a directory this user can write.");
  }, 60_000);
});
