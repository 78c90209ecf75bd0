/**
 * The service's notion of "now". Every rule that depends on time reads it from here (never from
 * `new Date()` or SQL `now()`), so tests can move time.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
