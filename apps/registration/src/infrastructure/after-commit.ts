import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

const AFTER_COMMIT = 'respire.registration.afterCommit';
type Work = () => Promise<unknown> | unknown;

/**
 * Runs `work` once the transaction of `manager` has committed (never if it rolls back): jobs are
 * enqueued only for state the database holds. The work is not awaited by the committer and its
 * failure is only logged: Redis may be down, and the worker's sweep re-creates from the database
 * whatever was not enqueued.
 */
export function afterCommit(manager: EntityManager, work: Work): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('afterCommit needs a transaction');
  const pending = (runner.data[AFTER_COMMIT] ??= []) as Work[];
  pending.push(work);
}

/** Hooks afterCommit into every transaction of the service's DataSource. */
@Injectable()
export class AfterCommitHooks implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger('AfterCommit');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const pending = event.queryRunner.data[AFTER_COMMIT] as Work[] | undefined;
    delete event.queryRunner.data[AFTER_COMMIT];
    for (const work of pending ?? []) {
      void Promise.resolve()
        .then(work)
        .catch((error: Error) => this.logger.warn(`after-commit work failed (the sweep will repair): ${error.message}`));
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete event.queryRunner.data[AFTER_COMMIT];
  }
}
