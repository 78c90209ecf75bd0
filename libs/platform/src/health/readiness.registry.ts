import { Injectable } from '@nestjs/common';
import { withTimeout } from '../async/with-timeout';

export type ReadinessCheck = () => Promise<void>;

export interface ReadinessCheckOptions {
  /**
   * Whether the process can serve its requests without this dependency. Only the database is
   * required: a registration commits its events to the outbox and its timers are rebuilt from the
   * database, so Kafka or Redis being away must not take the pods out of service. The others are
   * reported (body of /health/ready, respire_dependency_up) and alerted on, not acted on.
   */
  required?: boolean;
}

export interface ReadinessReport {
  /** Every required dependency answers. */
  ok: boolean;
  /** …and so does every other one. */
  complete: boolean;
  checks: Record<string, { ok: boolean; required: boolean; error?: string }>;
}

/**
 * Modules that own a connection (database, Kafka, Redis) register a check here; `/health/ready`
 * runs them all and answers 200 while every required one passes.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; required: boolean }>();

  register(name: string, check: ReadinessCheck, { required = true }: ReadinessCheckOptions = {}): void {
    this.checks.set(name, { check, required });
  }

  async run(timeoutMs = 2000): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, { check, required }]) => {
        try {
          await withTimeout(check(), timeoutMs, name);
          return [name, { ok: true, required }] as const;
        } catch (error) {
          return [name, { ok: false, required, error: (error as Error).message }] as const;
        }
      }),
    );
    return {
      ok: entries.every(([, r]) => r.ok || !r.required),
      complete: entries.every(([, r]) => r.ok),
      checks: Object.fromEntries(entries),
    };
  }
}
