export interface WaitOptions {
  /** How long to wait in all (or, with `stallMs`, at most). */
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the error. */
  what?: string;
  /**
   * Give up only when the value has not changed for this long: for a state reached step by step
   * (mails sent one by one, a backlog draining), whose pace depends on the machine's load, while
   * a stalled one still fails quickly. `timeoutMs` stays the overall limit.
   */
  stallMs?: number;
}

/**
 * Polls `probe` until `done` accepts its value, and returns that value. Tests wait for the state
 * they check this way: never a fixed sleep, never a read that may run before the state exists.
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 100, what = 'condition', stallMs }: WaitOptions = {},
): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let value = await probe();
  let seen = shown(value);
  let changedAt = started;
  while (!done(value)) {
    const now = Date.now();
    if (now > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last value${counted(value)}: ${seen?.slice(0, 500)}`,
      );
    }
    if (stallMs !== undefined && now - changedAt > stallMs) {
      throw new Error(
        `No progress for ${stallMs} ms (after ${now - started} ms) waiting for ${what}; last value${counted(value)}: ${seen?.slice(0, 500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await probe();
    const next = shown(value);
    if (next !== seen) {
      seen = next;
      changedAt = Date.now();
    }
  }
  return value;
}

/** A list's length, which the truncated JSON may not show. */
function counted(value: unknown): string {
  return Array.isArray(value) ? ` (${value.length} items)` : '';
}

/** The value as JSON for comparing and for the error; bigints (Kafka offsets) as strings. */
function shown(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
