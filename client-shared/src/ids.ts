// Client message ids: GUIDs the client makes and reuses on every retry of one send.

export interface RandomSource {
  randomUUID?: () => string;
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
}

/** crypto.randomUUID where it exists (secure contexts); a version 4 UUID from getRandomValues elsewhere, e.g. a plain-http site. */
export function newClientMessageId(random: RandomSource = globalThis.crypto): string {
  if (typeof random.randomUUID === "function") {
    return random.randomUUID();
  }
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
