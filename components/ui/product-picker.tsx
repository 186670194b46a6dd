"use client";

import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import type { ProductPickerChoice } from "@/lib/pricing/product-choices";

const SEARCH_DELAY_MS = 150;

/**
 * A product field that offers the store's products as the merchant types (a datalist filled
 * from the store's /products/choices), so a catalogue of any size is reachable without sending it whole. The
 * value is the product's external id: typed by hand it works without script too.
 */
export function ProductPicker({
  name,
  storeSlug,
  initialChoices,
  defaultValue,
  placeholder,
  width = "w-full",
}: {
  name: string;
  storeSlug: string;
  initialChoices: ProductPickerChoice[];
  defaultValue?: string;
  placeholder?: string;
  /** The field's width, a Tailwind class: the input fills it. */
  width?: string;
}) {
  const listId = useId();
  const [choices, setChoices] = useState(initialChoices);
  const [value, setValue] = useState(defaultValue ?? "");
  // A datalist puts the external id in the field: the product's own words say which one it is.
  const chosen = choices.find((choice) => choice.value === value.trim());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | undefined>(undefined);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  function search(q: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        const response = await fetch(`/s/${storeSlug}/products/choices?${new URLSearchParams({ q })}`, { signal: controller.signal });
        if (response.ok) setChoices(((await response.json()) as { products: ProductPickerChoice[] }).products);
      } catch {
        // Superseded by a later keystroke, or offline: the last choices stay.
      }
    }, SEARCH_DELAY_MS);
  }

  return (
    // The chosen product's line hangs below the field, out of the flow, so fields side by side
    // stay aligned whether or not it shows.
    <span className={`relative block ${width}`}>
      <input
        name={name}
        list={listId}
        required
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        className={`w-full ${inputClass}`}
        onChange={(event) => {
          setValue(event.target.value);
          search(event.target.value);
        }}
      />
      <span className="absolute inset-x-0 top-full mt-0.5 truncate text-xs text-stone-500" title={chosen?.label} aria-live="polite" data-testid="product-picker-chosen">
        {chosen?.label}
      </span>
      <datalist id={listId}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </datalist>
    </span>
  );
}
