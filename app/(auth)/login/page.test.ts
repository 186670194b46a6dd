import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));
vi.mock("./_components/login-form", () => ({ LoginForm: () => null }));
const { generateMetadata } = await import("./page");
const { generateMetadata: rootMetadata } = await import("../../layout");

describe("the sign-in page's title", () => {
  it("names the app once, not 'Sign in to Laoke · Laoke'", async () => {
    const template = (await rootMetadata()).title as { template: string };
    const title = (await generateMetadata()).title;
    // What the browser's tab shows: an absolute title is not put in the layout's template.
    const shown = typeof title === "string" ? template.template.replace("%s", title) : title.absolute;
    expect(shown).toBe("登录老客");
  });
});
