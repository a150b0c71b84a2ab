// Screenshots and PDFs attached to the next reply: each uploaded as soon as it is picked (the server checks its type
// and size), named under the reply box, and sent with the reply.

import type { AttachmentRef } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { Listeners } from "./dom";
import type { ErrorLine } from "./error-line";

export interface UploadsElements {
  input: HTMLInputElement;
  attached: HTMLElement;
}

export class Uploads {
  private readonly listeners = new Listeners();
  private uploads: AttachmentRef[] = [];

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: UploadsElements,
    private readonly errors: ErrorLine,
    private readonly upload: (file: File) => Promise<AttachmentRef>,
  ) {
    this.listeners.on(elements.input, "change", this.onPicked);
  }

  stop(): void {
    this.listeners.stop();
  }

  get attached(): readonly AttachmentRef[] {
    return this.uploads;
  }

  /** The reply went out with them. */
  clear(): void {
    this.uploads = [];
    this.elements.attached.textContent = "";
    this.elements.input.value = "";
  }

  private readonly onPicked = (): void => {
    const file = this.elements.input.files?.[0];
    if (!file) {
      return;
    }
    this.upload(file)
      .then((upload) => {
        this.uploads.push(upload);
        this.elements.attached.textContent = `${this.context.texts().attached}: ${this.uploads.map((u) => u.fileName).join(", ")}`;
      })
      .catch((error: unknown) => {
        this.elements.input.value = "";
        this.errors.failed(error);
      });
  };
}
