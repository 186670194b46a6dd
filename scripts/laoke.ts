// `npm run laoke -- <command>`: the command line. It works whether or not the app is running:
// with the app up it reaches the embedded database through the app's process, otherwise it
// opens the database itself (see db/connect.ts).
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { connectDatabase, type Connection } from "@/db/connect";
import { getDb } from "@/db";
import { roles } from "@/db/schema";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { AppError } from "@/lib/errors";
import { readEnv } from "@/lib/env";
import { recomputeScores, type RecomputeResult } from "@/lib/customers/recompute";
import { seedStore } from "@/lib/seed/seed-store";
import { createStore } from "@/lib/stores/commands";
import type { StoreContext } from "@/lib/stores/context";
import { findStoreBySlug } from "@/lib/stores/queries";
import { ensureUserWithRole } from "@/lib/users/commands";

class UsageError extends Error {}

const usage = `Usage: npm run laoke -- <command> [flags]

  store create  --slug s --name n [--currency CNY] [--timezone Asia/Shanghai]
  user create   --email e --password p --store s --role owner|staff
  token create  --store s --name n
  seed          --store s [--customers n] [--orders n] [--seed n]
  rescore       --store s [--as-of 2026-06-30T12:00:00+08:00]
`;

type Flags = Record<string, string | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (!value) throw new UsageError(`Missing --${name}.`);
  return value;
}

function positiveInt(flags: Flags, name: string): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive whole number, not "${value}".`);
  return Number(value);
}

function describeRecompute(slug: string, result: RecomputeResult): string {
  return (
    `Scored ${slug} as of ${result.asOf.toISOString()} with rules v${result.ruleVersion} in ${result.tookMs} ms: ` +
    `${result.customers} customers, ${result.scored} with a paid order in the window, ${result.highValue} high-value.`
  );
}

async function storeContext(slug: string): Promise<StoreContext> {
  const store = await findStoreBySlug(slug);
  if (!store) throw new UsageError(`No store with the slug "${slug}". Create it with: npm run laoke -- store create --slug ${slug} --name …`);
  return { store, role: "owner", userId: null };
}

const commands: Record<string, { flags: string[]; run(flags: Flags): Promise<void> }> = {
  "store create": {
    flags: ["slug", "name", "currency", "timezone"],
    async run(flags) {
      const store = await createStore({
        slug: required(flags, "slug"),
        name: required(flags, "name"),
        currency: flags.currency,
        timezone: flags.timezone,
      });
      console.log(`Created store ${store.slug} "${store.name}" (${store.currency}, ${store.timezone}).`);
    },
  },
  "user create": {
    flags: ["email", "password", "store", "role", "name"],
    async run(flags) {
      const role = required(flags, "role");
      if (!(roles as readonly string[]).includes(role)) throw new UsageError(`--role must be owner or staff, not "${role}".`);
      const ctx = await storeContext(required(flags, "store"));
      const result = await ensureUserWithRole({
        storeId: ctx.store.id,
        email: required(flags, "email"),
        password: required(flags, "password"),
        name: flags.name,
        role: role as (typeof roles)[number],
      });
      const who = flags.email!.trim().toLowerCase();
      console.log(
        result.created
          ? `Created user ${who} as ${role} of ${ctx.store.slug}.`
          : `User ${who} already existed (password unchanged); ${result.roleChanged ? "now" : "already"} ${role} of ${ctx.store.slug}.`,
      );
    },
  },
  "token create": {
    flags: ["store", "name"],
    async run(flags) {
      const ctx = await storeContext(required(flags, "store"));
      const created = await createApiToken(ctx, required(flags, "name"));
      console.log(`Created API token "${created.name}" for ${ctx.store.slug}. It is shown once; keep it safe:`);
      console.log(created.token);
    },
  },
  seed: {
    flags: ["store", "customers", "orders", "seed"],
    async run(flags) {
      const ctx = await storeContext(required(flags, "store"));
      const customers = positiveInt(flags, "customers");
      const orders = positiveInt(flags, "orders");
      console.log(`Seeding ${ctx.store.slug}…`);
      const result = await seedStore(getDb(), ctx.store.id, { customers, orders, seed: positiveInt(flags, "seed") });
      console.log(
        `Seeded ${ctx.store.slug} in ${(result.tookMs / 1000).toFixed(1)} s: ${result.customers} customers, ${result.products} products, ` +
          `${result.orders} orders (${result.orderItems} items), ${result.returns} returns, ${result.reviews} reviews, ` +
          `${result.shares} shares, ${result.flagged} flagged customers.`,
      );
      console.log(describeRecompute(ctx.store.slug, await recomputeScores(ctx.store.id)));
    },
  },
  rescore: {
    flags: ["store", "as-of"],
    async run(flags) {
      const ctx = await storeContext(required(flags, "store"));
      const asOfText = flags["as-of"];
      const asOf = asOfText === undefined ? undefined : new Date(asOfText);
      if (asOf && Number.isNaN(asOf.getTime())) {
        throw new UsageError(`--as-of must be an ISO 8601 time such as 2026-06-30T12:00:00+08:00, not "${asOfText}".`);
      }
      console.log(describeRecompute(ctx.store.slug, await recomputeScores(ctx.store.id, { asOf })));
    },
  },
};

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((a) => !a.startsWith("-"));
  const name = [`${words[0]} ${words[1]}`, words[0]].find((n) => n && commands[n]);
  if (!name) {
    if (argv.length === 0 || argv.includes("--help")) {
      console.log(usage);
      return argv.length === 0 ? 1 : 0;
    }
    console.error(`Unknown command "${words.slice(0, 2).join(" ")}".\n\n${usage}`);
    return 2;
  }
  const command = commands[name]!;
  let flags: Flags;
  try {
    const parsed = parseArgs({
      args: argv.slice(name.split(" ").length),
      options: Object.fromEntries(command.flags.map((f) => [f, { type: "string" as const }])),
      strict: true,
      allowPositionals: false,
    });
    flags = parsed.values as Flags;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }

  let connection: Connection | undefined;
  try {
    connection = await connectDatabase(path.resolve(readEnv().LAOKE_DATA_DIR));
    await command.run(flags);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof AppError) {
      console.error(`Error: ${error.message}`);
      return 2;
    }
    if (error instanceof z.ZodError) {
      console.error(`Error: ${error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ")}`);
      return 2;
    }
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await connection?.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
