// The identified client's company this policy week (R9): closed requests and their minutes, and the recommendation to
// bring in Training & Implementation once both thresholds are crossed.

import type { CompanyLoad } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { el, formatNumber } from "./dom";
import type { ErrorLine } from "./error-line";
import { ShownConversation } from "./shown-conversation";

export class CompanyLoadPanel {
  private readonly load: ShownConversation<CompanyLoad | null>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly panel: HTMLElement,
    errors: ErrorLine,
  ) {
    this.load = new ShownConversation<CompanyLoad | null>((id) => context.hub.invoke("GetCompanyLoad", id), null, errors, () => this.render());
  }

  show(conversationId: string | null): Promise<void> {
    return this.load.show(conversationId);
  }

  /** Reads the load again, e.g. after the conversation was closed and its minutes counted. */
  reload(): Promise<void> {
    return this.load.reload();
  }

  render(): void {
    const texts = this.context.texts();
    const load = this.load.value;
    this.panel.hidden = !load;
    if (!load) {
      this.panel.replaceChildren();
      return;
    }
    const language = this.context.language();
    const list = el("dl");
    list.append(
      el("dt", texts.company),
      el("dd", load.company),
      el("dt", texts.requests),
      el("dd", formatNumber(language, load.requests)),
      el("dt", texts.minutes),
      el("dd", formatNumber(language, load.minutes)),
    );
    const children: HTMLElement[] = [el("h3", texts.companyPanel), list];
    if (load.referToTraining) {
      const advice = el("p", texts.referral, "recommendation");
      advice.dataset.testid = "referral";
      advice.setAttribute("role", "status");
      children.push(advice);
    }
    this.panel.replaceChildren(...children);
  }
}
