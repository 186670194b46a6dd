import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { text } from "./text";

/**
 * An email as accounts store it and sign-in looks it up: NFKC, so the full-width
 * 'ｏｗｎｅｒ＠ｅｘａｍｐｌｅ．ｃｏｍ' a Chinese input method types is 'owner@example.com', with its
 * ideographic full stops ('example。com', as IDNA reads them in a domain) as dots, trimmed and in
 * lower case. The one place that says so: the sign-in, the staff form and the command line.
 */
export const normalizeEmail = (email: string) =>
  email
    .normalize("NFKC")
    .replace(/\u3002/g, ".")
    .trim()
    .toLowerCase();

export const email = z.string().overwrite(normalizeEmail).pipe(z.email());
export const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const addStaffSchema = z.object({
  email,
  name: text({ max: 100 }).default(""),
  password,
});
