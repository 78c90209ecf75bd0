import { DataSource, QueryRunner } from 'typeorm';
import { ALL_TOPICS, eventRegistry } from '@respire/contracts';
import {
  EventConsumer,
  KafkaAdmin,
  KafkaSettings,
  MessageProducer,
  MessagingLog,
  prefixed,
} from '@respire/messaging';
import { ensureAppRole, serviceDataSourceOptions } from '@respire/tenancy';
import { consumerLag } from '../infrastructure/consumer-lag';
import { ReadModelGeneration } from '../infrastructure/read-model-generation';
import { PROJECTION_BATCH_SIZE, ReadModelProjector } from '../projections/read-model.projector';

export interface RebuildOptions {
  /** The database owner (creates and drops generation tables). */
  ownerUrl: string;
  /** The role the service connects as (projects the events, under row-level security). */
  appUrl: string;
  brokers: string[];
  prefix?: string;
  /** Switch over once at most this many messages are left to project. */
  maxLag?: number;
  timeoutMs?: number;
  /** Retired generations kept for a rollback; older ones are dropped once retired for `dropAfterMs`. */
  keepRetired?: number;
  dropAfterMs?: number;
  pollMs?: number;
  log?: MessagingLog;
}

export interface RebuildResult {
  generation: number;
  previous: number;
  eventsProjected: number;
  durationMs: number;
  dropped: number[];
}

const LOCK = 'respire.reporting.rebuild';

/**
 * Rebuilds the read models from the beginning of the topics, while the service keeps answering
 * from the live generation:
 *
 * 1. creates generation N+1 (`building`): its tables and its own consumer group;
 * 2. projects every event from offset 0 into it — the same projector the live consumer runs;
 * 3. once its group has caught up with the topics, makes N+1 `active` and N `retired` in one
 *    transaction: reports read N+1 from the next request, and the service's consumers move to
 *    N+1's group within their poll interval, resuming where the rebuild stopped;
 * 4. drops generations retired long enough ago, beyond `keepRetired`.
 *
 * One rebuild at a time (advisory lock); a generation left `building` by a crashed rebuild is
 * dropped by the next one. If it fails or times out, the live generation is untouched. It
 * refuses to run, or to switch, when a topic no longer starts at offset 0 (retention removed
 * part of the history): the new generation would silently report less.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const prefix = options.prefix ?? '';
  const owner = new DataSource({ type: 'postgres', url: options.ownerUrl });
  const app = new DataSource(serviceDataSourceOptions(options.appUrl, [], 4));
  const kafka: KafkaSettings = { clientId: 'respire-reporting-rebuild', brokers: options.brokers };
  const producer = new MessageProducer(kafka);
  const admin = new KafkaAdmin(kafka);
  await owner.initialize();
  const lock = owner.createQueryRunner();
  let consumer: EventConsumer | null = null;
  let locked = false;
  try {
    await lock.connect();
    const [{ acquired }] = await lock.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS acquired`, [LOCK]);
    if (!acquired) throw new Error('Another read-model rebuild is running');
    locked = true;
    await app.initialize();

    const topics = ALL_TOPICS.map((topic) => prefixed(prefix, topic));
    await refuseTruncatedHistory(admin, topics);
    for (const abandoned of await generationsWith(lock, `status = 'building'`)) {
      log('warn', 'dropping a generation left building by an earlier rebuild', { generation: abandoned });
      await dropGeneration(lock, admin, prefix, abandoned);
    }
    const [{ previous, next }] = await lock.query(
      `SELECT (SELECT generation FROM reporting_generation WHERE status = 'active') AS previous,
              coalesce(max(generation), 0) + 1 AS next FROM reporting_generation`,
    );
    const generation = new ReadModelGeneration(next);
    await lock.startTransaction();
    await generation.create(lock);
    await generation.allowRegionRead(lock);
    await lock.query(
      `INSERT INTO reporting_generation (generation, status, consumer_group) VALUES ($1, 'building', $2)`,
      [generation.generation, generation.consumerGroup],
    );
    await lock.commitTransaction();
    await ensureAppRole(options.ownerUrl, decodeURIComponent(new URL(options.appUrl).username));
    log('info', 'read-model rebuild started', { generation: generation.generation, previous });

    consumer = new EventConsumer(kafka, producer, app, eventRegistry, new ReadModelProjector(generation), {
      groupId: generation.consumerGroup,
      topics: [...ALL_TOPICS],
      prefix,
      maxBatchSize: PROJECTION_BATCH_SIZE,
      log,
    });
    await consumer.start();

    const group = prefixed(prefix, generation.consumerGroup);
    const deadline = started + (options.timeoutMs ?? 6 * 60 * 60 * 1000);
    let lastReport = 0;
    for (;;) {
      const lag = await consumerLag(admin, group, topics);
      if (lag <= (options.maxLag ?? 0)) break;
      if (Date.now() > deadline)
        throw new Error(`Rebuild timed out with ${lag} messages left; generation ${previous} stays live`);
      if (Date.now() - lastReport > 5000) {
        log('info', 'read-model rebuild catching up', {
          generation: generation.generation,
          lag,
          projected: consumer.stats.processed,
        });
        lastReport = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    }

    // Retention may have removed the beginning while the rebuild ran.
    await refuseTruncatedHistory(admin, topics);
    await lock.startTransaction();
    await lock.query(
      `UPDATE reporting_generation SET status = 'retired', retired_at = now() WHERE status = 'active'`,
    );
    await lock.query(
      `UPDATE reporting_generation SET status = 'active', activated_at = now() WHERE generation = $1`,
      [generation.generation],
    );
    await lock.commitTransaction();
    const eventsProjected = consumer.stats.processed;
    // The service's consumers take over the group from here.
    await consumer.stop();
    consumer = null;
    log('info', 'read-model generation switched', {
      generation: generation.generation,
      previous,
      eventsProjected,
    });

    const dropped = await generationsWith(
      lock,
      `status = 'retired' AND retired_at < now() - make_interval(secs => $1::double precision / 1000)
         AND generation NOT IN (SELECT generation FROM reporting_generation WHERE status = 'retired'
                                ORDER BY generation DESC LIMIT $2)`,
      [options.dropAfterMs ?? 10 * 60 * 1000, options.keepRetired ?? 1],
    );
    for (const old of dropped) await dropGeneration(lock, admin, prefix, old);

    return {
      generation: generation.generation,
      previous,
      eventsProjected,
      durationMs: Date.now() - started,
      dropped,
    };
  } catch (error) {
    if (lock.isTransactionActive) await lock.rollbackTransaction();
    throw error;
  } finally {
    await consumer?.stop().catch(() => undefined);
    if (locked) await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK]).catch(() => undefined);
    await lock.release();
    await producer.close().catch(() => undefined);
    await admin.close().catch(() => undefined);
    if (app.isInitialized) await app.destroy();
    await owner.destroy();
  }
}

/**
 * A rebuild must never lose history: replaying topics whose beginning retention removed would
 * switch reports to a partial one. Refuse then; the live generation stays. Keep the topics'
 * retention (KafkaTopic `retention.ms`) longer than the history reports must cover.
 */
async function refuseTruncatedHistory(admin: KafkaAdmin, topics: string[]): Promise<void> {
  const truncated = await admin.truncatedPartitions(topics);
  if (truncated.length === 0) return;
  const where = truncated
    .map(({ topic, partition, start }) => `${topic}[${partition}] starts at offset ${start}`)
    .join(', ');
  throw new Error(
    `Rebuild refused: the topics no longer hold the whole history (${where}); the live generation stays`,
  );
}

async function generationsWith(
  runner: QueryRunner,
  where: string,
  params: unknown[] = [],
): Promise<number[]> {
  const rows: { generation: number }[] = await runner.query(
    `SELECT generation FROM reporting_generation WHERE ${where} ORDER BY generation`,
    params,
  );
  return rows.map((row) => row.generation);
}

/** Drops a generation's tables, its inbox rows and its consumer group. */
async function dropGeneration(
  runner: QueryRunner,
  admin: KafkaAdmin,
  prefix: string,
  number: number,
): Promise<void> {
  const generation = new ReadModelGeneration(number);
  await runner.startTransaction();
  try {
    await generation.drop(runner);
    await runner.query(`DELETE FROM inbox WHERE consumer_group = $1`, [
      prefixed(prefix, generation.consumerGroup),
    ]);
    await runner.query(`DELETE FROM reporting_generation WHERE generation = $1`, [number]);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
  // A group with members (a consumer still running somewhere) cannot be deleted: it empties and expires by itself.
  await admin.deleteGroups([prefixed(prefix, generation.consumerGroup)]).catch(() => undefined);
}
