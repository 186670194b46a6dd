// `npm run laoke -- <command>`: the command line. It works whether or not the app is running:
// with the app up it reaches the embedded database through the app's process, otherwise it
// opens the database itself (see db/connect.ts).
import fs from "node:fs";
import path from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { parseArgs } from "node:util";
import { z } from "zod";
import { connectDatabase, type Connection } from "@/db/connect";
import { getDb } from "@/db";
import { importFormats, importKinds, roles, type ImportFormat, type ImportKind } from "@/db/schema";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { AppError } from "@/lib/errors";
import { readEnv, resolveTypedPath } from "@/lib/env";
import { latestScoreSummary } from "@/lib/customers/queries";
import { recomputeScores, type RecomputeResult } from "@/lib/customers/recompute";
import { currentScoringRules } from "@/lib/customers/rules";
import { errorLines } from "@/lib/imports/error-summary";
import { createImport, runImport, settleImportsLeftRunning } from "@/lib/imports/run-import";
import { seedStore } from "@/lib/seed/seed-store";
import { createStore } from "@/lib/stores/commands";
import type { StoreContext } from "@/lib/stores/context";
import { findStoreBySlug } from "@/lib/stores/queries";
import { futureTimeReason } from "@/lib/imports/values";
import { failureSaidOnce } from "@/lib/imports/view";
import { asOfSchema } from "@/lib/validation/customers";
import { ensureUserWithRole } from "@/lib/users/commands";
import { normalizeEmail } from "@/lib/validation/users";

/** The exit statuses: what was asked is refused (fix the command), or it could not be done (try again, or look into it). */
const USAGE_REFUSED = 2;
const RUN_FAILED = 1;

class UsageError extends Error {}
/** The import ran and refused the file: exit non-zero, after its rows' reasons are printed. */
class ImportRefused extends Error {}

type Flags = Record<string, string | boolean | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== "string" || !value) throw new UsageError(`Missing --${name}.`);
  return value;
}

function optional(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

function positiveInt(flags: Flags, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = optional(flags, name);
  if (value === undefined) return undefined;
  // Past 2^53 a count is no longer exact: the seed refused it with an exit of 1 after "Seeding…".
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`--${name} must be a positive whole number (at most ${max.toLocaleString("en")}), not "${value}".`);
  }
  return Number(value);
}

/**
 * The most customers or orders a seed makes: ten times the largest the benchmarks seed. Up to 2^53
 * was taken, and `--customers 99999999999` sat after "Seeding…" for hours in one transaction.
 */
const SEED_MAX = 10_000_000;

/** "1 customer", "2,000 customers": a count with its noun in the right number, written as the stored messages write it. */
function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

function describeRecompute(slug: string, result: RecomputeResult): string {
  return (
    `Scored ${slug} as of ${result.asOf.toISOString()} with rules v${result.ruleVersion} in ${result.tookMs} ms: ` +
    `${counted(result.customers, "customer")}, ${result.scored} with a paid order in the window, ${result.highValue} high-value ` +
    `(${result.rescored} read again from their orders, returns, reviews and shares; the others had not changed).`
  );
}

async function storeContext(slug: string): Promise<StoreContext> {
  const store = await findStoreBySlug(slug);
  if (!store) throw new UsageError(`No store with the slug "${slug}". Create it with: npm run laoke -- store create --slug ${slug} --name …`);
  return { store, role: "owner", userId: null };
}

interface ImportInput {
  kind: ImportKind;
  format: ImportFormat;
  /** Resolved, a readable regular file when it was checked. */
  file: string;
}

/** What an import is asked, checked before the database is opened: a wrong kind or file costs nothing. */
function importInput(flags: Flags): ImportInput {
  const kind = required(flags, "kind");
  const format = optional(flags, "format") ?? "canonical";
  if (!(importKinds as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${importKinds.join(", ")}, not "${kind}".`);
  if (!(importFormats as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${importFormats.join(", ")}, not "${format}".`);
  const file = resolveTypedPath(required(flags, "file"));
  if (!fs.existsSync(file)) throw new UsageError(`No file at ${file}.`);
  if (fs.statSync(file).isDirectory()) throw new UsageError(`--file ${file} is a directory; give the CSV file in it (plain or gzip).`);
  if (!fs.statSync(file).isFile()) throw new UsageError(`--file ${file} is not a regular file; give a CSV file (plain or gzip).`);
  // Taken, an empty file became a failed import in the store's history, for a file not yet written.
  if (fs.statSync(file).size === 0) throw new UsageError(`--file ${file} is empty (0 bytes); give the CSV file, its header row first.`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new UsageError(`Cannot read ${file}: permission denied.`);
  }
  return { kind: kind as ImportKind, format: format as ImportFormat, file };
}

interface Command<Checked = undefined> {
  /** Its flags as the usage shows them. */
  usage: string;
  flags: string[];
  switches?: string[];
  /** Checks of the flags alone, run once, before the database is opened; what it reads is run's `checked`. */
  check?(flags: Flags): Checked;
  run(flags: Flags, checked: Checked): Promise<void>;
}

/** A command whose `check` hands what it read to `run`, typed as the one it is. */
const checkedFirst = <Checked>(command: Command<Checked> & { check(flags: Flags): Checked }) => command as Command<unknown>;

const commands: Record<string, Command<unknown>> = {
  "store create": {
    usage: "--slug s --name n [--currency CNY] [--timezone Asia/Shanghai]",
    flags: ["slug", "name", "currency", "timezone"],
    async run(flags) {
      const store = await createStore({
        slug: required(flags, "slug"),
        name: required(flags, "name"),
        currency: optional(flags, "currency"),
        timezone: optional(flags, "timezone"),
      });
      console.log(`Created store ${store.slug} "${store.name}" (${store.currency}, ${store.timezone}).`);
    },
  },
  "user create": {
    usage: "--email e --password p --store s --role owner|staff [--name n]",
    flags: ["email", "password", "store", "role", "name"],
    async run(flags) {
      const role = required(flags, "role");
      if (!(roles as readonly string[]).includes(role)) throw new UsageError(`--role must be owner or staff, not "${role}".`);
      const ctx = await storeContext(required(flags, "store"));
      const result = await ensureUserWithRole({
        storeId: ctx.store.id,
        email: required(flags, "email"),
        password: required(flags, "password"),
        name: optional(flags, "name"),
        role: role as (typeof roles)[number],
      });
      const who = normalizeEmail(required(flags, "email"));
      console.log(
        result.created
          ? `Created user ${who} as ${role} of ${ctx.store.slug}.`
          : `User ${who} already existed (password unchanged); ${result.roleChanged ? "now" : "already"} ${role} of ${ctx.store.slug}.`,
      );
    },
  },
  "token create": {
    usage: "--store s --name n",
    flags: ["store", "name"],
    async run(flags) {
      const ctx = await storeContext(required(flags, "store"));
      const created = await createApiToken(ctx, required(flags, "name"));
      console.log(`Created API token "${created.name}" for ${ctx.store.slug}. It is shown once; keep it safe:`);
      console.log(created.token);
    },
  },
  seed: checkedFirst({
    usage: "--store s [--customers n] [--orders n] [--seed n]",
    flags: ["store", "customers", "orders", "seed"],
    // The counts are the flags' alone: checked before the database is opened.
    check: (flags) => ({ customers: positiveInt(flags, "customers", SEED_MAX), orders: positiveInt(flags, "orders", SEED_MAX), seed: positiveInt(flags, "seed") }),
    async run(flags, { customers, orders, seed }) {
      const ctx = await storeContext(required(flags, "store"));
      console.log(`Seeding ${ctx.store.slug}…`);
      const result = await seedStore(getDb(), ctx.store.id, { customers, orders, seed });
      console.log(
        `Seeded ${ctx.store.slug} in ${(result.tookMs / 1000).toFixed(1)} s: ${counted(result.customers, "customer")}, ` +
          `${counted(result.products, "product")}, ${counted(result.orders, "order")} (${counted(result.orderItems, "item")}), ` +
          `${counted(result.returns, "return")}, ${counted(result.reviews, "review")}, ${counted(result.shares, "share")}, ` +
          `${counted(result.flagged, "flagged customer")}.`,
      );
      console.log(describeRecompute(ctx.store.slug, await recomputeScores(ctx.store.id)));
    },
  }),
  import: checkedFirst({
    usage: "--store s --kind orders|returns|reviews|shares [--format canonical|online-retail] --file f [--skip-invalid]",
    flags: ["store", "kind", "format", "file"],
    switches: ["skip-invalid"],
    check: importInput,
    async run(flags, { kind, format, file }) {
      const ctx = await storeContext(required(flags, "store"));
      const job = await createImport(ctx, {
        kind,
        format,
        fileName: path.basename(file),
        skipInvalid: flags["skip-invalid"] === true,
      });
      console.log(`Importing ${path.basename(file)} into ${ctx.store.slug} as ${kind} (${format}), import #${job.id}…`);
      const bar = new SingleBar(
        { format: "  {bar} {percentage}% | {value}/{total} rows | {rate} rows/s | {skipped} skipped", hideCursor: true, noTTYOutput: false, notTTYSchedule: 5000 },
        Presets.shades_classic,
      );
      const started = Date.now();
      let barStarted = false;
      const done = await runImport(ctx, job.id, file, (p) => {
        const rate = Math.round(p.processedRows / Math.max(0.001, (Date.now() - started) / 1000));
        // The total comes from a count beside the import, a moment after the first rows: until
        // then a bar would stand at 100%.
        if (p.totalRows === null) return;
        if (!barStarted) {
          bar.start(p.totalRows, p.processedRows, { rate, skipped: p.skippedRows });
          barStarted = true;
        }
        bar.setTotal(Math.max(p.totalRows, p.processedRows));
        bar.update(p.processedRows, { rate, skipped: p.skippedRows });
      });
      if (barStarted) bar.stop();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      for (const [table, c] of Object.entries(done.counts ?? {})) console.log(`  ${table}: ${c.created} created, ${c.updated} updated`);
      if (done.ignoredRows) console.log(`  ${counted(done.ignoredRows, "row")} left out by the format's rules (guest checkouts).`);
      // A header lacking columns is said once, as the page says it: its row's reason under the
      // message named the count, the row and a column again.
      const saidOnce = failureSaidOnce(done);
      for (const line of saidOnce ? [] : errorLines(done)) console.log(line);
      if (done.status !== "succeeded") throw new ImportRefused(`Import #${done.id} failed after ${seconds} s: ${saidOnce?.message ?? done.message}`);
      // Imported, but the recompute after it failed (the import's message says so).
      if (done.message) {
        console.log(`${done.message} (Or: npm run laoke -- rescore --store ${ctx.store.slug}.)`);
        return;
      }
      const [scores, { rules }] = await Promise.all([latestScoreSummary(ctx), currentScoringRules(ctx.store.id)]);
      const window = rules.windowDays === 0 ? "all history" : rules.windowDays === 1 ? "the last day" : `the last ${rules.windowDays} days`;
      console.log(
        `Imported ${counted(done.processedRows, "row")} in ${seconds} s` +
          (done.skippedRows > done.ignoredRows ? `, skipping ${counted(done.skippedRows - done.ignoredRows, "invalid row")}` : "") +
          (done.processedRows === 0 ? " (the file has no rows under its header)" : Object.keys(done.counts ?? {}).length === 0 ? " (nothing changed)" : "") +
          `; scores recomputed: ${counted(scores?.customers ?? 0, "customer")}, ${scores?.scored ?? 0} with a paid order in the scoring window (${window}).`,
      );
      // A history older than the window (the Online Retail file ends in 2011) scores nobody, or
      // only the few whose last orders fall inside it.
      if (scores && scores.customers > 0 && scores.scored < scores.customers / 2 && rules.windowDays > 0) {
        console.log("  To score an older history, widen the scoring window in the store's settings (0 = all history).");
      }
    },
  }),
  rescore: {
    usage: "--store s [--as-of 2026-06-30T12:00:00+08:00]",
    flags: ["store", "as-of"],
    async run(flags) {
      const ctx = await storeContext(required(flags, "store"));
      const asOfText = optional(flags, "as-of");
      // Checked as the API checks it: `new Date` alone takes "2026" or a time without its zone.
      if (asOfText !== undefined && !asOfSchema.safeParse(asOfText).success) {
        const ahead = futureTimeReason(asOfText, new Date(asOfText), new Date());
        throw new UsageError(
          ahead
            ? `--as-of ${ahead.message}: points would be settled, and expire, as of then.`
            : `--as-of must be an ISO 8601 time with its offset in the years 2000 to 2099, such as 2026-06-30T12:00:00+08:00, not "${asOfText}".`,
        );
      }
      const asOf = asOfText === undefined ? undefined : new Date(asOfText);
      console.log(describeRecompute(ctx.store.slug, await recomputeScores(ctx.store.id, { asOf })));
    },
  },
};

const names = Object.keys(commands);
const commandUsage = (name: string) => `  ${name.padEnd(13)} ${commands[name]!.usage}`;
const usage =
  `Usage: npm run laoke -- <command> [flags]\n\n${names.map(commandUsage).join("\n")}\n\n` +
  "npm run laoke -- help <command> prints one command's flags.\n" +
  `Exit status: 0 done; ${USAGE_REFUSED} what was asked is refused (a flag, a value, a store, a file's rows); ` +
  `${RUN_FAILED} it could not be done (the database held by another command or out of reach, an unexpected failure).\n`;

/** Edits (insert, delete, substitute) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The command the words were most likely meant as ("improt" → import, "store" → store create), if any is close. */
function closestCommand(words: string[]): string | undefined {
  const scored = [...names, "help"].map((name) => {
    const given = words.slice(0, name.split(" ").length).join(" ");
    // The first word of a command alone ("token") means that command.
    const distance = given === name.split(" ")[0] ? 0 : editDistance(given, name);
    return { name, distance };
  });
  const best = scored.sort((a, b) => a.distance - b.distance)[0]!;
  return best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

function unknownCommand(words: string[]): string {
  const suggestion = closestCommand(words);
  const hint = !suggestion ? "" : suggestion === "help" ? ' Did you mean "help"?' : ` Did you mean "${suggestion}"? (npm run laoke -- help ${suggestion})`;
  return `Unknown command "${words.slice(0, 2).join(" ")}".${hint}\n\n${usage}`;
}

/** The command the leading words name: two words ("store create") or one ("import"). */
const commandOf = (words: string[]) => [words.slice(0, 2).join(" "), words[0]].find((n) => n !== undefined && n in commands);

/**
 * node:util's refusals of the flags, in the words of the command's other messages: it said
 * "Option '--store <value>' argument missing" and "Unknown option '--stor'", without "Error:" or
 * the flag meant.
 */
function flagRefusal(command: Pick<Command, "flags" | "switches">, name: string, error: Error & { code?: string }): UsageError | null {
  const known = [...command.flags, ...(command.switches ?? [])];
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const given = /'(-[^']*)'/.exec(error.message)?.[1] ?? "";
      const bare = given.replace(/^-+/, "").split("=")[0]!;
      const closest = known.map((flag) => ({ flag, distance: editDistance(bare, flag) })).sort((a, b) => a.distance - b.distance)[0];
      const hint = closest && closest.distance <= Math.max(2, Math.floor(closest.flag.length / 3)) ? ` Did you mean --${closest.flag}?` : "";
      return new UsageError(`${name} takes no flag ${given}.${hint} It takes ${known.map((flag) => `--${flag}`).join(", ")}.`);
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const flag = /'--([a-z-]+)/.exec(error.message)?.[1];
      if (!flag) return null;
      // A value that begins with "-" reads as the next flag: say how to give one that does.
      return command.switches?.includes(flag)
        ? new UsageError(`--${flag} is a switch and takes no value.`)
        : new UsageError(`--${flag} needs a value (--${flag} value; one that begins with "-" as --${flag}=-value).`);
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const word = /'([^']*)'/.exec(error.message)?.[1] ?? "";
      return new UsageError(`"${word}" is not a flag of ${name}: each value follows its flag (--flag value).`);
    }
    default:
      return null;
  }
}

/** Flags parsed strictly; one given twice is refused, as the second would silently win. */
function parseFlags(command: Pick<Command, "flags" | "switches">, args: string[]): Flags {
  const { values, tokens } = parseArgs({
    args,
    options: Object.fromEntries([
      ...command.flags.map((f) => [f, { type: "string" as const }]),
      ...(command.switches ?? []).map((f) => [f, { type: "boolean" as const }]),
    ]),
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
  const given = tokens.flatMap((token) => (token.kind === "option" ? [token] : []));
  for (const token of given) {
    const same = given.filter((other) => other.name === token.name);
    if (same.length > 1) {
      const shown = same.map((other) => (other.value === undefined ? other.rawName : JSON.stringify(other.value))).join(", ");
      throw new UsageError(`--${token.name} was given ${same.length} times (${shown}); give it once.`);
    }
  }
  return values as Flags;
}

async function main(argv: string[]): Promise<number> {
  // The command is the words before the first flag; the words after a flag are its values.
  const firstFlag = argv.findIndex((a) => a.startsWith("-"));
  const words = firstFlag === -1 ? argv : argv.slice(0, firstFlag);
  if (argv.length === 0) {
    console.error(usage);
    return USAGE_REFUSED;
  }
  // `laoke help [command]`, `laoke --help` and `laoke <command> --help` print the usage, or the command's.
  if (words[0] === "help" || argv.includes("--help") || argv.includes("-h")) {
    const asked = words[0] === "help" ? words.slice(1) : words;
    if (asked.length === 0) {
      console.log(usage);
      return 0;
    }
    const name = commandOf(asked);
    if (!name) {
      console.error(unknownCommand(asked));
      return USAGE_REFUSED;
    }
    console.log(`Usage: npm run laoke -- ${name} ${commands[name]!.usage}`);
    return 0;
  }
  if (words.length === 0) {
    console.error(`The command comes first, before its flags.\n\n${usage}`);
    return USAGE_REFUSED;
  }
  const name = commandOf(words);
  if (!name) {
    console.error(unknownCommand(words));
    return USAGE_REFUSED;
  }
  const command = commands[name]!;
  let flags: Flags;
  let checked: unknown;
  try {
    flags = parseFlags(command, argv.slice(name.split(" ").length));
    checked = command.check?.(flags);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`Error: ${error.message}`);
      return USAGE_REFUSED;
    }
    const refusal = flagRefusal(command, name, error as Error);
    console.error(`${refusal ? `Error: ${refusal.message}` : (error as Error).message}\n\nUsage: npm run laoke -- ${name} ${command.usage}`);
    return USAGE_REFUSED;
  }

  let connection: Connection | undefined;
  try {
    // Kept to itself: another command let in would be cut off when this one exits (a raw SQL error).
    connection = await connectDatabase(path.resolve(readEnv().LAOKE_DATA_DIR), { keepEmbedded: true });
    // Opened here, the embedded database has no other process: what it left running has stopped.
    if (connection.embedded) await settleImportsLeftRunning();
    await command.run(flags, checked);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof AppError || error instanceof ImportRefused) {
      console.error(`Error: ${error.message}`);
      return USAGE_REFUSED;
    }
    if (error instanceof z.ZodError) {
      // The data layer names a refused value by its field, which the command takes as the flag of that name.
      const where = (issuePath: PropertyKey[]) => {
        const field = issuePath.map(String).join(".");
        return command.flags.includes(field) ? `--${field}` : field || "value";
      };
      console.error(`Error: ${error.issues.map((i) => `${where(i.path)}: ${i.message}`).join("; ")}`);
      return USAGE_REFUSED;
    }
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return RUN_FAILED;
  } finally {
    await connection?.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
