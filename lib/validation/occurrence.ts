import { z } from "zod";
import { occurrences } from "@/lib/store-time";

/**
 * A form's choice of the two times a store's clock shows a typed time the night it goes back
 * (RepeatedTimeChoice): blank while the form asks and neither is chosen, so that a refusal marks
 * the choice (chosenRepeatedTime).
 */
export const occurrenceChoice = z.union([z.enum(occurrences), z.literal("")]).optional();
