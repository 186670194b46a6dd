import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const email = z.string().trim().toLowerCase().pipe(z.email());
export const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const addStaffSchema = z.object({
  email,
  name: z.string().trim().max(100).default(""),
  password,
});
