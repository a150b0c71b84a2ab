// Capped exponential back-off with jitter, for reconnects and retries. It never gives up.

export const backoffBaseMs = 1000;
export const backoffCapMs = 30_000;

/** The delay before retry number `attempt` (0-based): 1 s, 2 s, 4 s … capped at 30 s, each ±20 %. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = backoffBaseMs * 2 ** Math.min(Math.max(attempt, 0), 16);
  const capped = Math.min(backoffCapMs, exponential);
  return Math.round(capped * (0.8 + 0.4 * random()));
}

/** A SignalR IRetryPolicy that retries forever: at once the first time, then with back-off. */
export const reconnectForever = {
  nextRetryDelayInMilliseconds(context: { previousRetryCount: number }): number {
    return context.previousRetryCount === 0 ? 0 : backoffDelay(context.previousRetryCount - 1);
  },
};
