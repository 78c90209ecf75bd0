import { ALL_TOPICS } from '@respire/contracts';
import { KafkaAdmin, MessageProducer, prefixed } from '@respire/messaging';
import { startTestService, TestService } from '@respire/testing';
import { reportingEnvSchema } from '../src/config/env.schema';
import { REPORTING_MIGRATIONS } from '../src/infrastructure/migrations';
import { consumerLag } from '../src/read-models/infrastructure/consumer-lag';
import { ReportingModule } from '../src/reporting.module';
import { ProducedEvent } from './scripted-history';

export type ReportingTestService = TestService<ReturnType<typeof reportingEnvSchema.parse>>;

/** The reporting service on its own database, Kafka topics and Redis prefix, with `extraEnv` on top of the defaults. */
export function startReportingService(extraEnv: Record<string, string> = {}): Promise<ReportingTestService> {
  return startTestService({
    service: 'reporting',
    env: reportingEnvSchema,
    module: ReportingModule.forRoot,
    migrations: REPORTING_MIGRATIONS,
    extraEnv,
  });
}

/** Produces events as the other services' relays would: to the prefixed topic, keyed, JSON envelope. */
export async function produce(
  producer: MessageProducer,
  prefix: string,
  events: ProducedEvent[],
): Promise<void> {
  await producer.send(
    events.map(({ topic, key, envelope }) => ({
      topic: prefixed(prefix, topic),
      key,
      value: JSON.stringify(envelope),
    })),
  );
}

/** Waits until a read-model generation's consumer group has committed everything on the topics. */
export async function waitForProjection(
  admin: KafkaAdmin,
  prefix: string,
  generation: number,
  timeoutMs = 45_000,
): Promise<void> {
  const group = prefixed(prefix, `reporting.g${generation}`);
  const topics = ALL_TOPICS.map((topic) => prefixed(prefix, topic));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lag = await consumerLag(admin, group, topics);
    if (lag === 0) return;
    if (Date.now() > deadline)
      throw new Error(`Generation ${generation} still ${lag} messages behind after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A report without what legitimately changes between two reads (when, and from which generation). */
export function stable(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value) =>
    key === 'generatedAt' || key === 'readModelGeneration' ? undefined : value,
  );
}

/**
 * How a published count may show a raw count: a small one (1–4) is always hidden as "<5";
 * any other is exact, or hidden as a complement ("<5" for 0, "≥5" above).
 */
export function expectShows(shown: unknown, raw: number, where: string): void {
  const hiddenAs = raw < 5 ? '<5' : '≥5';
  const ok = raw >= 1 && raw <= 4 ? shown === '<5' : shown === raw || shown === hiddenAs;
  if (!ok) throw new Error(`${where}: shows ${JSON.stringify(shown)} for a raw count of ${raw}`);
}
