/**
 * CPU time spent by groups of processes during a bench scenario, from /proc (Linux): where a
 * request's time goes when the machine is the limit. Processes present at the start count from
 * there; those started meanwhile (a pgbench's backends) count from zero. With `everyMs`, the
 * groups are sampled while the scenario runs, so a process that exits before the end counts up
 * to its last sample (up to `everyMs` short).
 *
 *   const meter = await CpuMeter.start({ service: () => [pid], postgres: backendsOf(db) }, 20);
 *   …
 *   const ms = await meter.stop();   // { service: 1234, postgres: 2345 } CPU milliseconds
 */
import { processCpuMs as cpuMs } from '@respire/testing';

export type PidSource = () => number[] | Promise<number[]>;

export class CpuMeter<K extends string> {
  private readonly first = new Map<string, Map<number, number>>();
  private readonly last = new Map<string, Map<number, number>>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();

  private constructor(private readonly sources: Record<K, PidSource>) {
    for (const group of this.groups()) {
      this.first.set(group, new Map());
      this.last.set(group, new Map());
    }
  }

  static async start<K extends string>(
    sources: Record<K, PidSource>,
    everyMs?: number,
  ): Promise<CpuMeter<K>> {
    const meter = new CpuMeter(sources);
    await meter.sample(true);
    if (everyMs) {
      meter.timer = setInterval(() => {
        meter.sampling = meter.sampling.then(() => meter.sample(false));
      }, everyMs);
    }
    return meter;
  }

  /** CPU milliseconds per group since start. */
  async stop(): Promise<Record<K, number>> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample(false);
    const spent = {} as Record<K, number>;
    for (const group of this.groups()) {
      const first = this.first.get(group)!;
      let total = 0;
      for (const [pid, ms] of this.last.get(group)!) total += ms - (first.get(pid) ?? 0);
      spent[group] = total;
    }
    return spent;
  }

  private groups(): K[] {
    return Object.keys(this.sources) as K[];
  }

  private async sample(initial: boolean): Promise<void> {
    for (const group of this.groups()) {
      for (const pid of await this.sources[group]()) {
        const ms = cpuMs(pid);
        if (ms === null) continue;
        if (initial) this.first.get(group)!.set(pid, ms);
        this.last.get(group)!.set(pid, ms);
      }
    }
  }
}
