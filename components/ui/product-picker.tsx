"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import type { ProductPickerChoice } from "@/lib/pricing/product-choices";

const SEARCH_DELAY_MS = 150;
/** How many choices a search answers at most (lib/pricing/product-options.ts PRODUCT_CHOICES): that many, there may be more. */
const CHOICES_SHOWN = 20;

type SearchState = "done" | "loading" | "failed";

/**
 * A product field that searches the store's products as the merchant types (its
 * /products/choices, by name or external id, 20 at a time), so a catalogue of any size is
 * reachable without sending it whole. A combobox after WAI-ARIA's pattern (a list that narrows,
 * no choice made by typing alone): the arrow keys go through the products, Enter or Tab takes
 * one, Escape closes the list; a click or a tap takes one too. Each option shows the product's
 * name, external id, price and stock, in the page's language (a datalist's were the browser's,
 * styled by it, with the external id in the field).
 *
 * A product taken, the field shows its name and the form still submits its external id (put in
 * the form's data as it is built, so the field keeps its name for a refusal to mark it). An
 * external id typed by hand is submitted as it is, with or without script.
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
  const t = useTranslations("pricing.picker");
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const input = useRef<HTMLInputElement>(null);
  const [choices, setChoices] = useState(initialChoices);
  // What the choices answer: the first products by name until the merchant types.
  const [answered, setAnswered] = useState("");
  const [search, setSearch] = useState<SearchState>("done");
  const [text, setText] = useState(defaultValue ?? "");
  const [picked, setPicked] = useState<ProductPickerChoice | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [labelledBy, setLabelledBy] = useState<string | undefined>(undefined);
  // Taken from the list, or its external id typed whole.
  const chosen = picked && text === picked.name ? picked : (choices.find((choice) => choice.value === text.trim()) ?? null);
  const chosenRef = useRef(chosen);
  chosenRef.current = chosen;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | undefined>(undefined);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  // The field is in a Field's <label>, which would name it by all it holds, the list and its
  // count included: named by the label's own text (its first child, given an id by Field), a
  // screen reader says "Product", and the chosen product is the field's description.
  useLayoutEffect(() => {
    const caption = input.current?.closest("label")?.firstElementChild;
    if (caption?.id && !caption.contains(input.current)) setLabelledBy(caption.id);
  }, []);

  // The form submits the chosen product's external id, whatever the field shows; and a reset
  // (after a save) empties the field as it does the others.
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const onFormData = (event: FormDataEvent) => {
      const current = chosenRef.current;
      if (current) event.formData.set(name, current.value);
    };
    const onReset = () => {
      setText(defaultValue ?? "");
      setPicked(null);
      setOpen(false);
    };
    form.addEventListener("formdata", onFormData);
    form.addEventListener("reset", onReset);
    return () => {
      form.removeEventListener("formdata", onFormData);
      form.removeEventListener("reset", onReset);
    };
  }, [name, defaultValue]);

  // An external id given (the price lookup's answer page): the field shows the product's name,
  // once the page runs (sent before, the form would submit the name without script).
  useEffect(() => {
    const given = defaultValue && initialChoices.find((choice) => choice.value === defaultValue);
    if (given) take(given);
    else if (defaultValue) find(defaultValue, 0, true);
    // Once, as the page arrives.
  }, []);

  // The active option stays in sight as the arrow keys go past the list's edge.
  useEffect(() => {
    if (open && active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  }, [open, active]);

  function find(q: string, delay = SEARCH_DELAY_MS, takeExact = false) {
    clearTimeout(timer.current);
    setSearch("loading");
    timer.current = setTimeout(async () => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        const response = await fetch(`/s/${storeSlug}/products/choices?${new URLSearchParams({ q })}`, { signal: controller.signal });
        if (!response.ok) throw new Error(String(response.status));
        const found = ((await response.json()) as { products: ProductPickerChoice[] }).products;
        setChoices(found);
        setAnswered(q);
        setActive(-1);
        setSearch("done");
        const exact = found.find((choice) => choice.value === q);
        if (takeExact && exact) {
          setPicked(exact);
          setText((typed) => (typed === q ? exact.name : typed));
        }
      } catch {
        // Superseded by a later keystroke (that one answers), or offline: the list says so.
        if (!controller.signal.aborted) setSearch("failed");
      }
    }, delay);
  }

  function take(choice: ProductPickerChoice) {
    setPicked(choice);
    setText(choice.name);
    setOpen(false);
    setActive(-1);
  }

  function showList() {
    setOpen(true);
    // The list was of another text (the product's name once one was taken): ask for this one's.
    if (answered !== text.trim() && search !== "loading") find(text.trim(), 0);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const count = choices.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!open) {
          showList();
          if (event.altKey) return;
        }
        if (count === 0) return;
        const down = event.key === "ArrowDown";
        setActive((now) => (down ? (now + 1) % count : now <= 0 ? count - 1 : now - 1));
        return;
      }
      case "Enter":
        // Taken, not submitted: the form is sent by a second Enter.
        if (open && active >= 0 && choices[active]) {
          event.preventDefault();
          take(choices[active]);
        }
        return;
      case "Tab":
        if (open && active >= 0 && choices[active]) take(choices[active]);
        else setOpen(false);
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        return;
    }
  }

  const message =
    search === "loading"
      ? t("searching")
      : search === "failed"
        ? t("failed")
        : choices.length === 0
          ? t("noMatch", { q: answered })
          : choices.length >= CHOICES_SHOWN
            ? t("foundMore", { count: choices.length })
            : t("found", { count: choices.length });
  const expanded = open && choices.length > 0;
  const chosenId = `${id}-chosen`;

  return (
    // The chosen product's line hangs below the field, out of the flow, so fields side by side
    // stay aligned whether or not it shows; the list hangs over what follows.
    <span className={`relative block ${width}`} data-testid="product-picker">
      <input
        ref={input}
        name={name}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-labelledby={labelledBy}
        aria-describedby={chosen ? chosenId : undefined}
        required
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="search"
        value={text}
        placeholder={placeholder}
        className={`w-full ${inputClass}`}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          setOpen(true);
          setActive(-1);
          find(value.trim());
        }}
        onClick={() => (open ? setOpen(false) : showList())}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <span id={chosenId} className="absolute inset-x-0 top-full mt-0.5 truncate text-xs text-stone-500" title={chosen?.label} data-testid="product-picker-chosen">
        {chosen && t("chosen", { id: chosen.value, label: chosen.label })}
      </span>
      {/* Said as it changes (searching, how many, none), whether or not the list shows. */}
      <span role="status" className="sr-only" data-testid="product-picker-status">
        {open ? message : ""}
      </span>
      <span
        hidden={!open}
        className="absolute inset-x-0 top-full z-20 mt-1 block overflow-hidden rounded-md border border-stone-300 bg-white shadow-lg"
        // Keeps the keyboard in the field while a finger or the mouse takes a product.
        onMouseDown={(event) => event.preventDefault()}
      >
        {/* Named apart from the field: named by its label too, "Product" found two. */}
        <span id={listId} role="listbox" aria-label={t("listLabel")} className="block max-h-72 overflow-y-auto overscroll-contain py-1" data-testid="product-picker-list">
          {choices.map((choice, index) => (
            <span
              key={choice.value}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              data-value={choice.value}
              className={`block cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-brand-50 outline outline-2 -outline-offset-2 outline-brand-600" : "hover:bg-stone-50"}`}
              onMouseMove={() => index !== active && setActive(index)}
              onClick={(event) => {
                // Inside the field's <label>: a click would go on to the field and open the list again.
                event.preventDefault();
                take(choice);
              }}
            >
              <span className="block break-words font-medium text-stone-900">{choice.name}</span>
              <span className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-stone-600">
                <span className="break-all">{choice.value}</span>
                <span className="tabular-nums">{choice.price}</span>
                <span className={`tabular-nums ${choice.stock === 0 ? "text-red-700" : ""}`}>{choice.stock === 0 ? t("noStock") : t("stock", { stock: choice.stock })}</span>
              </span>
            </span>
          ))}
        </span>
        {(search !== "done" || choices.length === 0 || choices.length >= CHOICES_SHOWN) && (
          <span aria-hidden="true" className={`block border-t border-stone-100 px-3 py-2 text-xs ${search === "failed" ? "text-red-700" : "text-stone-500"}`}>
            {message}
          </span>
        )}
      </span>
    </span>
  );
}
