// A form's field as markRefusedFields (components/action-form.tsx) meets it, for tests without a DOM.

/** An input as a screen reader meets it: its attributes, and whether it has the keyboard. */
export class FakeInput {
  readonly attributes = new Map<string, string>();
  focused = false;
  constructor(
    readonly name: string,
    readonly type = "text",
    describedBy?: string,
  ) {
    if (describedBy) this.attributes.set("aria-describedby", describedBy);
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  removeAttribute(name: string) {
    this.attributes.delete(name);
  }
  focus() {
    this.focused = true;
  }
}
