import "server-only";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { AppError } from "@/lib/errors";

/** "infringingListing|counterparty" → the catalogue key "infringingListingOrCounterparty". */
const factKey = (fact: string) => fact.replace(/\|(\w)/g, (_, c: string) => `Or${c.toUpperCase()}`);

/** The form's label of each link field a refusal can name (`field`). */
const linkFieldLabels: Record<string, string> = {
  customerExternalId: "form.customer",
  orderExternalId: "form.order",
  productExternalId: "form.product",
  returnExternalId: "form.return",
};

/**
 * The domain's dispute errors carry codes (a status, an action, missing facts); this puts them
 * into the user's words before the action wrapper shows the message.
 */
export async function withDisputeWords<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw await inDisputeWords(error);
  }
}

/** A dispute error with its codes in the user's words (any other error as it is). */
export async function inDisputeWords(error: AppError): Promise<AppError> {
  if (!error.key?.startsWith("disputes.") || !error.values) return error;
  const t = await getTranslations("disputes");
  const values: Record<string, string | number> = { ...error.values };
  const list = (text: string | number, key: (code: string) => string, separator: string) =>
    String(text)
      .split(",")
      .filter(Boolean)
      .map((code) => t(key(code)))
      .join(separator);
  if (values.status !== undefined) values.status = t(`status.${values.status}`);
  if (values.action !== undefined) values.action = t(`actionName.${values.action}`);
  if (values.party !== undefined) values.party = t(`party.${values.party}`);
  if (values.allowed !== undefined) values.allowed = list(values.allowed, (s) => `status.${s}`, " / ");
  const fieldLabel = values.field === undefined ? undefined : linkFieldLabels[String(values.field)];
  if (fieldLabel) values.field = t(fieldLabel);
  if (values.facts !== undefined) values.facts = list(values.facts, (f) => `facts.${factKey(f)}`, t("itemSeparator"));
  if (values.links !== undefined) {
    const links = JSON.parse(String(values.links)) as { field: string; externalId: string }[];
    const named = links.map(({ field, externalId }) => `${linkFieldLabels[field] ? t(linkFieldLabels[field]) : field} ${externalId}`);
    values.links = new Intl.ListFormat(await getLocale(), { type: "conjunction" }).format(named);
  }
  // Its times and links too: the page writes the times as it writes times, and links what it names.
  const worded = new AppError(error.code, error.message, error.key, values, error.details, error.links);
  return error.times ? worded.withTimes(error.times) : worded;
}
