/**
 * The service's notion of "now". Every rule that depends on time reads it from here (never from
 * `new Date()` or SQL `now()`), so tests can run the service in accelerated time.
 */
export interface Clock {
  now(): Date;
  /** Real milliseconds to wait until `instant` of this clock (the delay of a BullMQ job). */
  msUntil(instant: Date): number;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = {
  now: () => new Date(),
  msUntil: (instant) => Math.max(0, instant.getTime() - Date.now()),
};

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
