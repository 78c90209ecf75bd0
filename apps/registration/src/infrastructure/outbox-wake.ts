import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { OUTBOX_CHANNEL } from '@respire/messaging';

/**
 * Wakes the outbox relay (whichever instance leads it) after registrations committed, with ONE
 * NOTIFY for all the registrations committed while the previous one was on its way.
 *
 * A NOTIFY inside the registration's transaction would take PostgreSQL's cluster-wide notify
 * lock from its commit until its WAL is flushed: every registration of every session (and every
 * other notifying transaction of the server) would then commit one after the other, without
 * group commit — measured with pgbench, 50 sessions, 20 clients: about half the transactions per
 * second with the NOTIFY as without. A NOTIFY alone writes no WAL: it holds that lock a moment.
 * A NOTIFY lost with a crash between the commit and this call costs the relay's poll interval, never an event.
 */
@Injectable()
export class OutboxWake {
  private readonly logger = new Logger('OutboxWake');
  private sending = false;
  private again = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Something was committed to the outbox: the relay will hear of it. */
  ping(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    void this.send();
  }

  private async send(): Promise<void> {
    do {
      this.again = false;
      try {
        // On the pg pool (TypeORM's own): one statement needs no query runner (one a registration at 100/s).
        const pool = (this.dataSource.driver as PostgresDriver).master as {
          query(text: string, values: unknown[]): Promise<unknown>;
        };
        await pool.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
      } catch (error) {
        // The relay's poll publishes the rows anyway.
        this.logger.warn(`outbox wake-up not sent: ${(error as Error).message}`);
      }
    } while (this.again);
    this.sending = false;
  }
}
