import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

type Work = () => unknown;

const pending = new WeakMap<QueryRunner, Work[]>();

/**
 * Runs `work` once the transaction of `manager` has committed, never if it rolls back: for side
 * effects outside the database that must follow what the transaction recorded (adding a BullMQ
 * job). The work is not awaited by the committer and its failure is only logged: Redis may be
 * down, and each service's sweep redoes from the database whatever a crash or an outage skipped.
 * A transaction retried after a transient failure registers its work again; the rolled-back
 * attempt's work is dropped.
 */
export function afterCommit(manager: EntityManager, work: Work): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('afterCommit must be called inside a transaction');
  const list = pending.get(runner) ?? [];
  list.push(work);
  pending.set(runner, list);
}

/** The TypeORM subscriber that runs afterCommit's work; provide it once in each service module. */
@Injectable()
export class AfterCommitSubscriber implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger('AfterCommit');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint was released; the transaction goes on
    const work = pending.get(runner);
    if (!work) return;
    pending.delete(runner);
    for (const step of work) {
      // Never fail the commit that already happened: log, the sweep catches up.
      void Promise.resolve()
        .then(step)
        .catch((error: Error) =>
          this.logger.warn(`after-commit step failed (the sweep will redo it): ${error.message}`),
        );
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }
}
