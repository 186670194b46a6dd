import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { createStore } from "@/lib/stores/commands";
import { storeCount } from "@/lib/stores/queries";
import { ensureUserWithRole } from "@/lib/users/commands";
import { seedFlashSales } from "./seed-flash-sales";
import { seedPricing } from "./seed-pricing";
import { seedDisputes } from "./seed-disputes";
import { seedStore } from "./seed-store";

export interface DemoLogin {
  role: "owner" | "staff";
  email: string;
  password: string;
}

const LOGINS_FILE = "demo-logins.json";

/**
 * On the very first start (no store at all), creates the demo store with an owner and a staff
 * login and fills it with seeded demo data. The generated passwords are kept in the data
 * directory (readable by its owner only) so every start can print them.
 */
export async function ensureDemoStore(dataDir: string): Promise<DemoLogin[] | null> {
  const file = path.join(dataDir, LOGINS_FILE);
  if ((await storeCount()) === 0) {
    const store = await createStore({ slug: "demo", name: "老客演示店", currency: "CNY", timezone: "Asia/Shanghai" });
    const logins: DemoLogin[] = [
      { role: "owner", email: "owner@demo.laoke", password: randomBytes(9).toString("base64url") },
      { role: "staff", email: "staff@demo.laoke", password: randomBytes(9).toString("base64url") },
    ];
    for (const login of logins) {
      await ensureUserWithRole({ storeId: store.id, email: login.email, password: login.password, role: login.role });
    }
    await seedStore(getDb(), store.id, { customers: 2000, orders: 20000 });
    await recomputeScores(store.id);
    await seedDisputes(store.id);
    await seedFlashSales(getDb(), store.id);
    await seedPricing(getDb(), store.id);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
    return logins;
  }
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as DemoLogin[];
  } catch {
    return null;
  }
}
