import { Client, ClientConfig } from 'pg';
import { EventHeader } from '@respire/contracts';
import { isTransientDatabaseError } from '@respire/platform';
import { consoleLog, errorDetail, MessagingLog, prefixed } from '../kafka/kafka-settings';
import { MessageProducer, OutgoingMessage } from '../kafka/message-producer';
import { OUTBOX_CHANNEL } from './outbox';

/** Seconds of silence on the leader's connection before either end starts probing it. */
const LEADER_KEEPALIVE_S = 10;

export interface OutboxRelayOptions {
  /** Names the advisory lock: one relay per service database publishes at a time. */
  service: string;
  topicPrefix?: string;
  batchSize?: number;
  /** Fallback when a NOTIFY is missed (e.g. the listening connection dropped). */
  pollIntervalMs?: number;
  /**
   * Least time from one batch's start to the next one's while events keep coming (a backlog of
   * full batches is not held back). What a burst commits meanwhile goes out in one batch instead
   * of one batch per NOTIFY: one Kafka request and one fetch per consumer for several events.
   * The first event after a quiet spell goes out at once; later ones wait at most this long.
   */
  batchIntervalMs?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Published rows are deleted after this long. */
  retentionMs?: number;
  log?: MessagingLog;
  /** Test seam: runs after Kafka acknowledged a batch, before the rows are marked published. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
}

interface PendingRow {
  seq: string;
  id: string;
  topic: string;
  key: string;
  type: string;
  tenant_id: string;
  payload: { version: number; correlationId: string };
  headers: Record<string, string>;
}

export interface RelayStats {
  leader: boolean;
  published: number;
  failures: number;
}

/**
 * Publishes committed outbox rows to Kafka in commit order per key.
 *
 * Only the instance holding the service's advisory lock publishes; the others wait, and take
 * over when the holder's connection ends. A single publisher is what keeps per-key order across
 * replicas (with SKIP LOCKED, two relays could interleave one key's events). A failed batch
 * is retried from its first row after a backoff, so order holds through failures too.
 * Rows are marked published after Kafka acknowledged them: a crash in between publishes them
 * again, and consumers' inboxes absorb the duplicate (at-least-once, effect exactly once).
 */
export class OutboxRelay {
  private client: Client | null = null;
  private leader = false;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeRequested = false;
  private wake: (() => void) | null = null;
  private endPause: (() => void) | null = null;
  private consecutiveFailures = 0;
  private lastPurge = 0;
  private readonly stats: RelayStats = { leader: false, published: 0, failures: 0 };
  private readonly options: Required<Omit<OutboxRelayOptions, 'afterPublish' | 'topicPrefix'>> &
    Pick<OutboxRelayOptions, 'afterPublish' | 'topicPrefix'>;

  constructor(
    private readonly connection: ClientConfig,
    private readonly producer: MessageProducer,
    options: OutboxRelayOptions,
  ) {
    this.options = {
      batchSize: 500,
      pollIntervalMs: 1000,
      batchIntervalMs: 20,
      retryInitialMs: 200,
      retryMaxMs: 30_000,
      retentionMs: 24 * 3600_000,
      log: consoleLog,
      ...options,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops after the batch in flight; as leader, first publishes what is already pending. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.notify();
    this.endPause?.();
    await this.loopDone;
    if (this.client && this.leader) {
      try {
        while ((await this.publishBatch()) === this.options.batchSize);
      } catch (error) {
        this.options.log('warn', 'outbox relay: final flush failed', { error: errorDetail(error) });
      }
    }
    await this.disconnect();
  }

  getStats(): RelayStats {
    return { ...this.stats, leader: this.leader };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (!this.client) await this.connect();
        if (!this.leader) {
          this.leader = await this.tryLead();
          if (!this.leader) {
            await this.idle(this.options.pollIntervalMs);
            continue;
          }
          this.options.log('info', 'outbox relay: leading', { service: this.options.service });
        }
        const startedAt = Date.now();
        const published = await this.publishBatch();
        this.consecutiveFailures = 0;
        await this.purgeIfDue();
        if (published < this.options.batchSize) {
          await this.idle(this.options.pollIntervalMs);
          await this.pause(startedAt + this.options.batchIntervalMs - Date.now());
        }
      } catch (error) {
        this.consecutiveFailures += 1;
        this.stats.failures += 1;
        const delay = Math.min(
          this.options.retryMaxMs,
          this.options.retryInitialMs * 2 ** (this.consecutiveFailures - 1),
        );
        this.options.log('warn', 'outbox relay: batch failed, retrying', {
          error: errorDetail(error),
          retryInMs: delay,
        });
        // A broken database connection may not emit 'error' (a query on it just fails): drop
        // it, and the lock with it, and reconnect on the next turn.
        if (isTransientDatabaseError(error)) await this.disconnect();
        await this.idle(delay);
      }
    }
  }

  private async connect(): Promise<void> {
    // The advisory lock lives as long as this connection: keepalives on both ends bound how long
    // a vanished leader (host down, network cut) holds it before the server drops it and a
    // standby takes over — about LEADER_KEEPALIVE_S + 3 × 5 s instead of the kernel's 2 hours.
    const client = new Client({
      ...this.connection,
      keepAlive: true,
      keepAliveInitialDelayMillis: LEADER_KEEPALIVE_S * 1000,
    });
    client.on('error', (error) => {
      this.options.log('warn', 'outbox relay: connection lost', { error: error.message });
      if (this.client === client) {
        this.client = null;
        this.leader = false;
      }
      client.end().catch(() => undefined);
    });
    client.on('notification', () => this.notify());
    await client.connect();
    await client.query(
      `SET tcp_keepalives_idle = ${LEADER_KEEPALIVE_S}; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3`,
    );
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.client = client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leader = false;
    // Ending the session releases the advisory lock for a standby relay.
    await client?.end().catch(() => undefined);
  }

  private async tryLead(): Promise<boolean> {
    const { rows } = await this.client!.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('respire-outbox-relay'), hashtext($1)) AS locked`,
      [this.options.service],
    );
    return rows[0].locked;
  }

  private async publishBatch(): Promise<number> {
    const client = this.client;
    if (!client) throw new Error('no database connection');
    const { rows } = await client.query<PendingRow>(
      `SELECT seq, id, topic, key, type, tenant_id, payload, headers
         FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [this.options.batchSize],
    );
    if (rows.length === 0) return 0;
    const seqs = rows.map((row) => row.seq);
    try {
      await this.producer.send(rows.map((row) => this.toMessage(row)));
    } catch (error) {
      await client.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])`,
        [seqs, errorDetail(error).slice(0, 2000)],
      );
      throw error;
    }
    await this.options.afterPublish?.(rows.map((row) => row.id));
    await client.query(
      `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE seq = ANY($1::bigint[])`,
      [seqs],
    );
    this.stats.published += rows.length;
    return rows.length;
  }

  private toMessage(row: PendingRow): OutgoingMessage {
    return {
      topic: prefixed(this.options.topicPrefix, row.topic),
      key: row.key,
      value: JSON.stringify(row.payload),
      headers: {
        ...row.headers,
        [EventHeader.Type]: row.type,
        [EventHeader.Version]: String(row.payload.version),
        [EventHeader.TenantId]: row.tenant_id,
        [EventHeader.CorrelationId]: row.payload.correlationId,
      },
    };
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.client!.query(
      `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - ($1::text || ' milliseconds')::interval`,
      [this.options.retentionMs],
    );
  }

  private notify(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  /** Waits `ms` (NOTIFYs meanwhile do not end it), or until a stop. */
  private pause(ms: number): Promise<void> {
    if (ms <= 0 || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.endPause = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endPause = done;
    });
  }

  /** Waits for a NOTIFY, a stop, or the timeout — whichever comes first. */
  private idle(ms: number): Promise<void> {
    if (this.wakeRequested || !this.running) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
