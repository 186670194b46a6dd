import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { text } from "./text";

export const email = z.string().trim().toLowerCase().pipe(z.email());
export const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const addStaffSchema = z.object({
  email,
  name: text({ max: 100 }).default(""),
  password,
});
