// The public policy as the console uses it, in the console's language: the topics it redirects and the names of the
// tariffs the handoff cards show (the policy's labels, never the keys).

import type { PublicPolicy } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";

export class ConsolePolicy {
  private policy: PublicPolicy | null = null;

  constructor(
    private readonly read: (language: Language) => Promise<PublicPolicy | null>,
    private readonly language: () => Language,
    private readonly changed: () => void,
  ) {}

  /** Reads the policy in `language`; kept while that is still the console's language. Null when it cannot be read. */
  async load(language: Language): Promise<PublicPolicy | null> {
    const policy = await this.read(language);
    if (policy && language === this.language()) {
      this.policy = policy;
      this.changed();
    }
    return policy;
  }

  /** The policy's time zone, read first if it is not yet. */
  async timeZone(): Promise<string | null> {
    return (this.policy ?? (await this.load(this.language())))?.timeZone ?? null;
  }

  /** The tariff's name, or its key until the policy is read. */
  tariffLabel(key: string): string {
    return this.policy?.tariffs.find((tariff) => tariff.key === key)?.label ?? key;
  }
}
