import { DataSource } from 'typeorm';
import { MetricsService, withTimeout } from '@respire/platform';
import { ConsumerStats, EventConsumer } from '../consumer/event-consumer';
import { KafkaAdmin } from '../kafka/kafka-admin';
import { OutboxRelay } from '../outbox/outbox-relay';

/**
 * Prometheus view of the service's messaging, computed at scrape time: outbox backlog and age,
 * events published, consumed (by outcome) and dead-lettered (by reason), and consumer lag.
 * Labelled by topic and outcome only, never by tenant (cardinality).
 */
export function registerMessagingMetrics(
  metrics: MetricsService,
  parts: {
    dataSource: DataSource;
    admin: KafkaAdmin;
    relay: OutboxRelay | null;
    consumer: EventConsumer | null;
    topics: string[];
  },
): void {
  const { dataSource, admin, relay, consumer } = parts;
  metrics.gauge({
    name: 'respire_outbox_pending',
    help: 'Outbox rows committed but not yet published to Kafka',
    async collect() {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age
           FROM outbox WHERE published_at IS NULL`,
      );
      this.set(row.pending);
      age.set(row.age);
    },
  });
  const age = metrics.gauge({
    name: 'respire_outbox_oldest_pending_seconds',
    help: 'Age of the oldest unpublished outbox row (0 when none)',
  });

  metrics.gauge({
    name: 'respire_outbox_relay_leader',
    help: 'Whether this process holds the relay lock and publishes the outbox (1) or stands by (0)',
    collect() {
      this.set(relay?.getStats().leader ? 1 : 0);
    },
  });

  let published = 0;
  metrics.counter({
    name: 'respire_outbox_published_total',
    help: 'Events this process relayed to Kafka',
    collect() {
      const now = relay?.getStats().published ?? 0;
      this.inc(now - published);
      published = now;
    },
  });

  if (!consumer) return;
  const seen: ConsumerStats = {
    processed: 0,
    duplicates: 0,
    ignored: 0,
    deadLettered: {},
    transientRetries: 0,
  };
  metrics.counter({
    name: 'respire_events_consumed_total',
    help: 'Events read by this process, by outcome (processed, duplicate: already in the inbox, ignored: no handler)',
    labelNames: ['outcome'],
    collect() {
      const s = consumer.stats;
      this.inc({ outcome: 'processed' }, s.processed - seen.processed);
      this.inc({ outcome: 'duplicate' }, s.duplicates - seen.duplicates);
      this.inc({ outcome: 'ignored' }, s.ignored - seen.ignored);
      Object.assign(seen, { processed: s.processed, duplicates: s.duplicates, ignored: s.ignored });
    },
  });
  metrics.counter({
    name: 'respire_consumer_transient_retries_total',
    help: 'Handler tries that failed for a transient reason (database unavailable, lost race) and were retried, the partition held',
    collect() {
      this.inc(consumer.stats.transientRetries - seen.transientRetries);
      seen.transientRetries = consumer.stats.transientRetries;
    },
  });
  metrics.counter({
    name: 'respire_events_dead_lettered_total',
    help: 'Events sent to a dead-letter topic, by reason',
    labelNames: ['reason'],
    collect() {
      for (const [reason, count] of Object.entries(consumer.stats.deadLettered)) {
        this.inc({ reason }, count - (seen.deadLettered[reason] ?? 0));
        seen.deadLettered[reason] = count;
      }
    },
  });
  metrics.gauge({
    name: 'respire_consumer_lag',
    help: 'Messages on the topic not yet committed by this service’s consumer group',
    labelNames: ['topic'],
    async collect() {
      this.reset();
      // Kafka away must not hang the scrape (respire_dependency_up says it is away): no lag then.
      const lag = await withTimeout(admin.consumerLag(consumer.groupId, parts.topics), 1000, 'Kafka').catch(
        () => null,
      );
      for (const [topic, messages] of lag ?? []) this.set({ topic }, messages);
    },
  });
}
