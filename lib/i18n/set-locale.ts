"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "./locales";

export async function setLocale(locale: string): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, toLocale(locale), {
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    sameSite: "lax",
  });
}
