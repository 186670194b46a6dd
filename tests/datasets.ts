import fs from "node:fs";
import path from "node:path";

/** The Online Retail file (../shared/datasets), or LAOKE_ONLINE_RETAIL; null in a user's clone without it. */
export function onlineRetailPath(): string | null {
  const file = process.env.LAOKE_ONLINE_RETAIL ?? path.resolve(process.cwd(), "..", "shared", "datasets", "online-retail.csv.gz");
  return fs.existsSync(file) ? file : null;
}

export const onlineRetailMissing = "skipped: the Online Retail data set is not at ../shared/datasets/online-retail.csv.gz (set LAOKE_ONLINE_RETAIL)";
