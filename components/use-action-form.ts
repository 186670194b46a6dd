"use client";

import { startTransition, useActionState, useEffect, useMemo, useRef, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/store-action";
import { useAnnounce } from "./announcer";
import { keepFocusWhenRemoved } from "./focus-after-removal";

type Action<R> = (previous: unknown, formData: FormData) => Promise<R>;
type SuccessData<R> = R extends { ok: true; data: infer D } ? D : never;

/**
 * A form bound to a store action, for every form of the app: spread `formProps` on the <form>.
 *
 * React resets a form whose `action` is a function as soon as the action returns, refused or
 * not: a refusal wiped what the user had typed. Submitted from `onSubmit` instead, the fields are
 * reset only once the action succeeds (as the form was before) and a refusal keeps them. The
 * `action` stays on the form for a page that is not hydrated yet. `confirm` asks first;
 * `onSuccess` hears of each success, with what the action answered (for a form the page removes
 * once it has done its work, whose confirmation then stands outside it).
 *
 * A success is said by the app's announcer (`successMessage`, a text or one made from the
 * result's data), heard even when the page's refresh takes the form away; the keyboard focus
 * lost with such a form goes to what stands in its place (keepFocusWhenRemoved).
 */
export function useActionForm<R extends ActionResult<unknown>>(
  action: Action<R>,
  options: { confirm?: string; onSuccess?: (data: SuccessData<R>) => void; successMessage?: string | ((data: SuccessData<R>) => string) } = {},
) {
  const announce = useAnnounce();
  const ref = useRef<HTMLFormElement>(null);
  // Called as the result arrives, not from an effect: the page's refresh can remove the form in
  // the same render (a cleared flag's form), and its effects would never run.
  // Set as a submit goes, before any render: `pending` is the state of the last render, and two
  // submits in one go (before React renders) both saw it false and both ran (two adjustments).
  const sending = useRef(false);
  const [state, formAction, pending] = useActionState<R | null, FormData>(async (previous, data) => {
    try {
      const result = await action(previous, data);
      if (result.ok) {
        const message = typeof options.successMessage === "function" ? options.successMessage(result.data as SuccessData<R>) : options.successMessage;
        if (message) announce(message);
        keepFocusWhenRemoved(ref.current);
        options.onSuccess?.(result.data as SuccessData<R>);
      }
      return result;
    } finally {
      sending.current = false;
    }
  }, null);
  // Each result's number, for the key of its alert: a refusal repeated word for word is then a new
  // alert, which a screen reader says again (an alert whose text does not change says nothing).
  const results = useRef(0);
  const resultKey = useMemo(() => (state ? ++results.current : 0), [state]);
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Its button is aria-disabled, not disabled, while the action runs (a disabled button drops
    // the keyboard focus to the page): a second submit is ignored here instead.
    if (pending || sending.current) return;
    if (options.confirm && !window.confirm(options.confirm)) return;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    sending.current = true;
    startTransition(() => formAction(data));
  };
  // noValidate: the browser's own checks (required, min…) stopped the submit with a bubble in the
  // browser's language, not the console's, unannounced and gone at the next keystroke; the server's
  // refusal says it in the reader's words beside the field, and the rules are written once, there.
  return { state, pending, resultKey, formProps: { ref, action: formAction, onSubmit, noValidate: true } };
}
