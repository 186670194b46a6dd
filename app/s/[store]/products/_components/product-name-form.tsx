"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { createContext, useContext, useId, useState } from "react";
import { RefusalAlert, SuccessStatus, useFormRefusal } from "@/components/action-form";
import { FieldReason, FieldReasonScope } from "@/components/field-reason";
import { useAnnounce } from "@/components/announcer";
import { inputClass } from "@/components/ui/field";
import { useActionForm } from "@/components/use-action-form";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;
type Renamed = { externalId: string; name: string };

const SayRenamed = createContext<(renamed: Renamed) => void>(() => {});

/**
 * The table's confirmation of a rename, above it: the list is in name order, so a renamed
 * product may leave the page (and its form with it) in the refresh that follows; the line stays,
 * with a link to the product under its new name.
 */
export function RenameNotices({ base, children }: { base: string; children: React.ReactNode }) {
  const t = useTranslations("pricing.products");
  const announce = useAnnounce();
  const [renamed, setRenamed] = useState<Renamed | null>(null);
  const sayRenamed = (r: Renamed) => {
    setRenamed(r);
    announce(t("renamed", { code: r.externalId, name: r.name }));
  };
  return (
    <SayRenamed.Provider value={sayRenamed}>
      {renamed && (
        <SuccessStatus className="mb-3 text-sm text-green-700" testId="product-renamed">
          {t("renamed", { code: renamed.externalId, name: renamed.name })}{" "}
          <Link href={`${base}?${new URLSearchParams({ q: renamed.externalId })}`} className="underline">
            {t("showRenamed")}
          </Link>
        </SuccessStatus>
      )}
      {children}
    </SayRenamed.Provider>
  );
}

/**
 * The owner's rename of one product. The name is held to the API's rules; a refusal is said at the
 * field. Says near the field that the store's next sync of the product through the API puts its
 * name back. Sends the name it showed: one changed meanwhile refuses the save.
 */
export function ProductNameForm({ action, product }: { action: Action; product: { id: number; externalId: string; name: string } }) {
  const t = useTranslations("pricing.products");
  const sayRenamed = useContext(SayRenamed);
  const { state, pending, resultKey, formProps } = useActionForm(action, { onSuccess: (data) => sayRenamed(data as Renamed) });
  const helpId = useId();
  const labels = { name: t("name") };
  const refusal = useFormRefusal(formProps.ref, state, labels);
  return (
    <form {...formProps} className="flex flex-wrap items-start gap-3 py-2">
      <FieldReasonScope value={refusal.scope}>
        <input type="hidden" name="productId" value={product.id} />
        <input type="hidden" name="seen" value={product.name} />
        <div className="flex max-w-full flex-col gap-1 text-sm">
          <label className="flex flex-col gap-1">
            <span className="font-medium text-stone-700">{labels.name}</span>
            <input
              name="name"
              defaultValue={product.name}
              required
              autoComplete="off"
              aria-label={t("nameFieldLabel", { product: product.name })}
              aria-describedby={helpId}
              className={`${inputClass} w-80 max-w-full`}
            />
          </label>
          <FieldReason name="name" />
          <p id={helpId} className="max-w-md text-xs text-stone-500">
            {t("nameHelp", { code: product.externalId })}
          </p>
        </div>
        {/* Aligned with the input, below its label. */}
        <button
          type="submit"
          aria-disabled={pending}
          className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
        >
          {t("saveName")}
        </button>
      </FieldReasonScope>
      {state && !state.ok && (
        <RefusalAlert key={resultKey} refusal={state} {...refusal.alert} className="basis-full text-sm text-red-700" />
      )}
    </form>
  );
}
