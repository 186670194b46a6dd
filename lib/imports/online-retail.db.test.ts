import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { updateStoreSettings } from "@/lib/stores/commands";
import { onlineRetailMissing, onlineRetailPath } from "@/tests/datasets";
import { makeStore } from "@/tests/factories";
import { createImport, runImport } from "./run-import";

const file = onlineRetailPath();
if (!file) console.log(onlineRetailMissing);

describe.skipIf(!file)("importing the real Online Retail file with the preset", () => {
  it("lands the totals anyone can count in the file, and a second import changes nothing", async () => {
    const ctx = await makeStore("retail");
    await updateStoreSettings(ctx, { name: "UK gifts", currency: "GBP", timezone: "Europe/London" });
    const store = { ...ctx, store: { ...ctx.store, currency: "GBP", timezone: "Europe/London" } };
    const job = await createImport(store, { kind: "orders", format: "online-retail", fileName: "online-retail.csv.gz", skipInvalid: false });
    const done = await runImport(store, job.id, file!);
    expect(done.message).toBeNull();
    expect(done).toMatchObject({ status: "succeeded", totalRows: 541909, processedRows: 541909, skippedRows: 135080, ignoredRows: 135080, errorCount: 0 });
    expect(done.counts).toMatchObject({
      customers: { created: 4372, updated: 0 },
      orders: { created: 18536, updated: 0 },
      returns: { created: 3654, updated: 0 },
    });
    const count = async (table: string) =>
      Number((await getDb().execute(sql`select count(*)::int as n from ${sql.raw(table)} where store_id = ${ctx.store.id}`)).rows[0]!.n);
    expect(await count("customers")).toBe(4372);
    expect(await count("orders")).toBe(18536);
    expect(await count("returns")).toBe(3654);
    // 17850.0 became 17850; the first invoice, 536365 at 2010-12-01 08:26 London (GMT), is theirs.
    const { rows } = await getDb().execute(sql`
      select c.external_id, o.placed_at, o.total from orders o join customers c on c.store_id = o.store_id and c.id = o.customer_id
      where o.store_id = ${ctx.store.id} and o.external_id = '536365'`);
    expect(rows[0]).toMatchObject({ external_id: "17850" });
    expect(new Date(rows[0]!.placed_at as string).toISOString()).toBe("2010-12-01T08:26:00.000Z");
    // Seven lines: 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25 = £139.12
    expect(Number(rows[0]!.total)).toBe(13912);

    const again = await runImport(store, (await createImport(store, { kind: "orders", format: "online-retail", fileName: "again", skipInvalid: false })).id, file!);
    expect(again.status).toBe("succeeded");
    expect(again.counts).toEqual({});
    expect(await count("orders")).toBe(18536);
  }, 600_000);
});
