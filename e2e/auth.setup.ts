import fs from "node:fs";
import path from "node:path";
import { test as setup, expect } from "@playwright/test";
import { demoLogins, laoke, lockoutUser, otherOwner, signIn, storageState } from "./fixtures";

setup("create the second store and save each login's session", async ({ browser }) => {
  laoke("store", "create", "--slug", "other", "--name", "Other Shop", "--currency", "GBP", "--timezone", "Europe/London");
  laoke("user", "create", "--email", otherOwner.email, "--password", otherOwner.password, "--store", "other", "--role", "owner");
  laoke("user", "create", "--email", lockoutUser.email, "--password", lockoutUser.password, "--store", "demo", "--role", "staff");

  fs.mkdirSync(path.dirname(storageState("owner")), { recursive: true });
  const { owner, staff } = demoLogins();
  for (const [name, login, home] of [
    ["owner", owner, "/s/demo"],
    ["staff", staff, "/s/demo"],
    ["other", otherOwner, "/s/other"],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, login);
    await expect(page).toHaveURL(home);
    await context.storageState({ path: storageState(name) });
    await context.close();
  }
});
