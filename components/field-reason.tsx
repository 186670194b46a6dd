"use client";

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

/** A refused field's reason as its form shows it beside the field: the id its input is described by, the text. */
export interface ShownReason {
  id: string;
  text: ReactNode;
}

/**
 * What a form with a refusal tells the fields inside it: each field's reason (`beside`, by the
 * field's name), and `register`, by which a field says it shows its own reason, so that the
 * form's alert does not list it a second time. Provided by useFormRefusal (action-form.tsx).
 */
export interface FieldReasonScopeValue {
  beside: Readonly<Record<string, ShownReason>>;
  register: (name: string) => () => void;
}

const Scope = createContext<FieldReasonScopeValue | null>(null);

export const FieldReasonScope = Scope.Provider;

/**
 * The names of the fields of a form that show their reason themselves (registered by the
 * FieldReason and Field inside it as they mount), and the `register` they call.
 */
export function useShownFields(): [ReadonlySet<string>, (name: string) => () => void] {
  const [shown, setShown] = useState<ReadonlyMap<string, number>>(new Map());
  const register = useCallback((name: string) => {
    setShown((before) => new Map(before).set(name, (before.get(name) ?? 0) + 1));
    return () =>
      setShown((before) => {
        const after = new Map(before);
        const left = (after.get(name) ?? 1) - 1;
        if (left > 0) after.set(name, left);
        else after.delete(name);
        return after;
      });
  }, []);
  return [new Set(shown.keys()), register];
}

/**
 * Registers the field `name` as showing its own reason and answers that reason, if its form
 * refused it; `inScope` is false outside a form that shows reasons beside fields (a search form).
 */
export function useFieldReason(name: string | undefined): { inScope: boolean; reason: ShownReason | undefined } {
  const scope = useContext(Scope);
  const register = scope?.register;
  useEffect(() => (name && register ? register(name) : undefined), [name, register]);
  return { inScope: scope !== null, reason: name ? scope?.beside[name] : undefined };
}

export const reasonClass = "max-w-64 text-sm text-red-700";

/**
 * The reason a form refused the field `name`, where it stands (under a group's legend, below
 * radios): the form's alert then leaves it out, and the field is described by it.
 */
export function FieldReason({ name, className = reasonClass }: { name: string; className?: string }) {
  const { reason } = useFieldReason(name);
  return reason ? <Reason reason={reason} name={name} className={className} /> : null;
}

function Reason({ reason, name, className }: { reason: ShownReason; name: string; className: string }) {
  return (
    <p id={reason.id} className={className} data-testid={`${name}-reason`} data-field-reason="">
      {reason.text}
    </p>
  );
}

/**
 * A Field's label and control, with the control's reason under them in a form that shows reasons
 * beside fields. The wrapper is there whether or not a reason shows: one that came and went
 * would remount the control and lose what was typed in it.
 */
export function FieldWithReason({ name, children }: { name: string | undefined; children: ReactNode }) {
  const { inScope, reason } = useFieldReason(name);
  if (!inScope) return children;
  return (
    <div className="flex max-w-full flex-col gap-1 text-sm">
      {children}
      {reason && name && <Reason reason={reason} name={name} className={reasonClass} />}
    </div>
  );
}
