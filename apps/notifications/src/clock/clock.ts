/**
 * The service's notion of "now". Rules that depend on time read it from here (never from
 * `new Date()` directly), so tests can run them at any instant.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put (unit tests). */
export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}
