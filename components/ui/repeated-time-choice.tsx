"use client";

import { useFormatter, useTranslations } from "next-intl";
import { FieldReason } from "@/components/field-reason";
import type { Translate } from "@/lib/i18n/locales";
import { clockTimeText, storeTimeText } from "@/lib/i18n/store-time-text";
import { occurrences, repeatedLocalTime, type Occurrence } from "@/lib/store-time";

/**
 * Where a time typed in the datetime-local input `field` comes twice on the store's clock (the
 * night it goes back), which of the two it is, each named by its offset: nothing is read as one of
 * them without the user saying so (the save is refused until then, naming both: chosenRepeatedTime).
 * Sent as `${field}Occurrence`. `chosen`: the one of the time the form shows as saved.
 */
export function RepeatedTimeChoice({ field, fieldLabel, text, zone, chosen }: { field: string; fieldLabel: string; text: string; zone: string; chosen?: Occurrence }) {
  const t = useTranslations("shell.repeatedTimeChoice");
  const root = useTranslations() as unknown as Translate;
  const format = useFormatter();
  const repeat = repeatedLocalTime(text, zone);
  if (!repeat) return null;
  // Its day and time as the page writes them ("Nov 1, 2026", "1:30 AM"), as the refusal naming it does: not the ISO ones.
  const day = storeTimeText(root, format, zone, repeat.instants[0], { dateStyle: "medium" });
  const time = clockTimeText(format, repeat.time);
  // The refusal of a save without a choice stands under the radios it is about.
  return (
    <>
      <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm" data-testid={`${field}-occurrence`}>
        <legend className="px-1 font-medium text-stone-800">{t("legend", { field: fieldLabel, time, day, zone })}</legend>
        {/* Sent blank until a radio after it is checked (the last value of a name is the one read):
            a save without a choice is refused at these radios, the keyboard taken to the first. */}
        <input type="hidden" name={`${field}Occurrence`} value="" />
        {occurrences.map((occurrence) => (
          <label key={occurrence} className="flex items-center gap-2 py-0.5">
            <input type="radio" name={`${field}Occurrence`} value={occurrence} defaultChecked={chosen === occurrence} />
            {t(occurrence, { offset: repeat[occurrence] })}
          </label>
        ))}
      </fieldset>
      <FieldReason name={`${field}Occurrence`} />
    </>
  );
}
