"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ProductPickerChoice } from "@/lib/pricing/product-choices";

const SEARCH_DELAY_MS = 150;

/**
 * A product field that offers the store's products as the merchant types (a datalist filled
 * from `searchUrl`), so a catalogue of any size is reachable without sending it whole. The
 * value is the product's external id: typed by hand it works without script too.
 */
export function ProductPicker({
  name,
  searchUrl,
  initialChoices,
  defaultValue,
  placeholder,
  className,
}: {
  name: string;
  searchUrl: string;
  initialChoices: ProductPickerChoice[];
  defaultValue?: string;
  placeholder?: string;
  className?: string;
}) {
  const listId = useId();
  const [choices, setChoices] = useState(initialChoices);
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
        const response = await fetch(`${searchUrl}?${new URLSearchParams({ q })}`, { signal: controller.signal });
        if (response.ok) setChoices(((await response.json()) as { products: ProductPickerChoice[] }).products);
      } catch {
        // Superseded by a later keystroke, or offline: the last choices stay.
      }
    }, SEARCH_DELAY_MS);
  }

  return (
    <>
      <input
        name={name}
        list={listId}
        required
        autoComplete="off"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className={className}
        onChange={(event) => search(event.target.value)}
      />
      <datalist id={listId}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </datalist>
    </>
  );
}
