// A small labelled form: each field with its error beside it (aria-invalid, aria-describedby), a
// form-level alert and a busy state. Everything is rendered as text.

import { hubFailure, type ErrorCode } from "@chat/shared/errors";
import { hasErrors, type FieldErrors, type FormValues } from "./forms";

export interface FieldSpec {
  name: string;
  label: string;
  type: "text" | "email" | "tel" | "textarea" | "date" | "time" | "select";
  autocomplete?: string;
  options?: [value: string, label: string][];
}

export class FormView {
  readonly element: HTMLFormElement;
  private readonly inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly alert: HTMLElement;
  private readonly submit: HTMLButtonElement;
  /** A refusal without fields shows the server's own words (in the visitor's language); false: the code's text. */
  serverWords = true;

  constructor(
    doc: Document,
    readonly id: string,
    fields: FieldSpec[],
    submitLabel: string,
    private readonly errorText: (code: ErrorCode) => string,
    /** Shown when a call got no answer at all. */
    private readonly notConnected: string,
    submitted: (values: FormValues) => void,
  ) {
    this.element = doc.createElement("form");
    this.element.className = "form";
    this.element.dataset.testid = `chat-${id}-form`;
    this.element.noValidate = true;
    for (const field of fields) {
      const fieldId = `chat-${id}-${field.name}`;
      const wrap = doc.createElement("div");
      wrap.className = "field";
      const label = doc.createElement("label");
      label.htmlFor = fieldId;
      label.textContent = field.label;
      const input =
        field.type === "textarea" ? doc.createElement("textarea") : field.type === "select" ? doc.createElement("select") : doc.createElement("input");
      if (input instanceof HTMLInputElement) {
        input.type = field.type;
      }
      for (const [value, text] of field.options ?? []) {
        const option = doc.createElement("option");
        option.value = value;
        option.textContent = text;
        input.append(option);
      }
      input.id = fieldId;
      input.name = field.name;
      input.dataset.testid = fieldId;
      if (field.autocomplete) {
        input.setAttribute("autocomplete", field.autocomplete);
      }
      const error = doc.createElement("p");
      error.className = "field__error";
      error.id = `${fieldId}-error`;
      error.dataset.testid = `${fieldId}-error`;
      input.setAttribute("aria-describedby", error.id);
      input.addEventListener("input", () => this.showFieldError(field.name, null));
      wrap.append(label, input, error);
      this.element.append(wrap);
      this.inputs.set(field.name, input);
      this.errors.set(field.name, error);
    }
    this.alert = doc.createElement("p");
    this.alert.className = "form__alert";
    this.alert.setAttribute("role", "alert");
    this.alert.dataset.testid = `chat-${id}-alert`;
    this.submit = doc.createElement("button");
    this.submit.type = "submit";
    this.submit.className = "form__submit";
    this.submit.dataset.testid = `chat-${id}-submit`;
    this.submit.textContent = submitLabel;
    this.element.append(this.alert, this.submit);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!this.submit.disabled) {
        submitted(this.values());
      }
    });
  }

  values(): FormValues {
    const values: FormValues = {};
    for (const [name, input] of this.inputs) {
      values[name] = input.value.trim();
    }
    return values;
  }

  set(name: string, value: string): void {
    const input = this.inputs.get(name);
    if (input) {
      input.value = value;
    }
  }

  input(name: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | undefined {
    return this.inputs.get(name);
  }

  /** Shows each field's error beside it; errors of fields the form lacks (e.g. `contact`) and `text` go to the form's alert. */
  showErrors(errors: FieldErrors, text?: string): void {
    const loose: string[] = [];
    for (const name of this.inputs.keys()) {
      this.showFieldError(name, errors[name] ?? null);
    }
    for (const [name, code] of Object.entries(errors)) {
      if (!this.inputs.has(name)) {
        loose.push(this.errorText(code));
      }
    }
    this.alert.textContent = [...loose, ...(text ? [text] : [])].join(" ");
    const first = [...this.inputs.entries()].find(([name]) => errors[name]);
    first?.[1].focus();
  }

  clear(): void {
    this.element.reset();
    this.showErrors({});
  }

  /**
   * Checks, then calls; shows the local or the server's field errors beside the fields. A refusal without fields
   * shows the server's own words (they name the hours or the channels) unless `serverWords` is off; a call that got
   * no answer says so, and the caller keeps its request id so that sending again cannot make a second request.
   */
  async run<T>(local: FieldErrors, call: () => Promise<T>): Promise<T | null> {
    if (hasErrors(local)) {
      this.showErrors(local);
      return null;
    }
    this.showErrors({});
    this.setBusy(true);
    try {
      return await call();
    } catch (error) {
      const failure = hubFailure(error);
      if (failure === null) {
        this.showErrors({}, this.notConnected);
      } else if (hasErrors(failure.fields)) {
        this.showErrors(failure.fields);
      } else {
        this.showErrors({}, (this.serverWords && failure.text) || this.errorText(failure.code));
      }
      return null;
    } finally {
      this.setBusy(false);
    }
  }

  setBusy(busy: boolean): void {
    this.submit.disabled = busy;
    this.element.setAttribute("aria-busy", String(busy));
  }

  private showFieldError(name: string, code: ErrorCode | null): void {
    const error = this.errors.get(name);
    const input = this.inputs.get(name);
    if (error && input) {
      error.textContent = code ? this.errorText(code) : "";
      input.setAttribute("aria-invalid", String(code !== null));
    }
  }
}
