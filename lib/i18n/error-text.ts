import "server-only";
import { inReaderLanguage, type AppError } from "@/lib/errors";
import { getFormatter, getTranslations } from "./server";
import { storeTimeWriter } from "./store-time-text";

/**
 * A refusal as a store's page shows it (a route the page calls, a form outside the action
 * wrapper): in the reader's language, the times it names as the store's pages write them, in its
 * zone ("Nov 30, 2026", "2:30 AM"), not the API's ISO text.
 */
export async function storeErrorText(error: AppError, timeZone: string): Promise<string> {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return inReaderLanguage(error, t, storeTimeWriter(t, format, timeZone));
}
