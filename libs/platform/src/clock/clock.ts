/**
 * A service's notion of "now". Every rule that depends on time reads it from an injected Clock
 * (never `new Date()` or SQL `now()`), so tests can move time or run it faster.
 */
export interface Clock {
  now(): Date;
  /** Real milliseconds to wait until `instant` of this clock (a timer's or a BullMQ job's delay). */
  msUntil(instant: Date): number;
}

/** The injection token of the service's Clock. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = {
  now: () => new Date(),
  msUntil: (instant) => Math.max(0, instant.getTime() - Date.now()),
};

/** A clock that stays where it is put until it is moved (unit tests). */
export class FixedClock implements Clock {
  constructor(private instant: Date) {}

  now(): Date {
    return new Date(this.instant);
  }

  msUntil(instant: Date): number {
    return Math.max(0, instant.getTime() - this.instant.getTime());
  }

  set(instant: Date): void {
    this.instant = instant;
  }
}

/**
 * A clock that runs `speed` times faster than real time from `startsAt` (default: now), so a
 * one-minute offer lasts one second at speed 60. `advance(ms)` jumps ahead. Tests and demos only.
 */
export class ScaledClock implements Clock {
  private readonly realStart = Date.now();
  private readonly clockStart: number;
  private offsetMs = 0;

  constructor(
    private readonly speed = 1,
    startsAt: Date = new Date(),
  ) {
    if (speed <= 0) throw new Error('speed must be positive');
    this.clockStart = startsAt.getTime();
  }

  now(): Date {
    return new Date(this.clockStart + (Date.now() - this.realStart) * this.speed + this.offsetMs);
  }

  msUntil(instant: Date): number {
    return Math.max(0, Math.ceil((instant.getTime() - this.now().getTime()) / this.speed));
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
