import { DataSource } from 'typeorm';
import { consoleLog, MessagingLog } from '../kafka/kafka-settings';

export interface InboxPurgerOptions {
  /** How long a processed event id is remembered (INBOX_RETENTION_DAYS). */
  retentionDays: number;
  intervalMs?: number;
  batchSize?: number;
  log?: MessagingLog;
}

const DAY_MS = 24 * 3600_000;

/**
 * Forgets processed event ids once no copy of the event can come back. The inbox is what makes a
 * redelivery change nothing, so an id must outlive every way its event can be read again:
 *
 * - a message stays in its topic for retention.ms after it was appended, and up to segment.ms
 *   more (Kafka deletes whole segments, once their newest message is past retention.ms): 7 + 7
 *   days as shipped. A consumer group that lost its offsets (idle past offsets.retention.minutes,
 *   or reset by an operator) re-reads all of it. An event is always processed after it was
 *   appended, so `processed_at` is a safe start for that time;
 * - the relay may publish a row twice (Kafka acknowledged, the mark did not commit): the second
 *   copy follows as soon as the database answers again;
 * - a dead letter can be replayed onto its topic while the dead-letter topic keeps it (30 days as
 *   shipped), and other consumer groups may have processed that event already.
 *
 * So the retention must exceed the longest of those (INBOX_RETENTION_DAYS, 45 by default, at
 * least 15). Rows are deleted in small batches (the `processed_at` index), by every consumer
 * process: the deletes are idempotent and short.
 */
export class InboxPurger {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly options: Required<InboxPurgerOptions>;

  constructor(
    private readonly dataSource: DataSource,
    options: InboxPurgerOptions,
  ) {
    this.options = { intervalMs: 3600_000, batchSize: 5000, log: consoleLog, ...options };
  }

  start(): void {
    if (this.timer) return;
    void this.purgeOnce();
    this.timer = setInterval(() => void this.purgeOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Deletes every inbox row processed before the retention; resolves with how many. */
  purgeOnce(): Promise<number> {
    this.running ??= this.purge()
      .catch((error: Error) => {
        this.options.log('warn', 'inbox purge failed, will retry', { error: error.message });
        return 0;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async purge(): Promise<number> {
    const retentionMs = this.options.retentionDays * DAY_MS;
    let total = 0;
    for (;;) {
      const [{ deleted }]: { deleted: number }[] = await this.dataSource.query(
        `WITH gone AS (
           DELETE FROM inbox WHERE ctid = ANY (ARRAY(
             SELECT ctid FROM inbox WHERE processed_at < now() - ($1::bigint * interval '1 millisecond') LIMIT $2))
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [retentionMs, this.options.batchSize],
      );
      total += deleted;
      if (deleted < this.options.batchSize) break;
    }
    if (total > 0)
      this.options.log('info', 'inbox purged', { deleted: total, retentionDays: this.options.retentionDays });
    return total;
  }
}
