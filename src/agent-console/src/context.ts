// What every panel of the signed-in console works with: the agent hub, the signed-in agent and the console's language.

import type { AgentProfile } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import type { AgentHub } from "./hub";
import type { ConsoleTexts } from "./i18n";

export interface ConsoleContext {
  readonly hub: AgentHub;
  /** The signed-in agent: only the addressee moves a handoff on, and "my conversations" are theirs. */
  readonly me: AgentProfile;
  language(): Language;
  texts(): ConsoleTexts;
}
