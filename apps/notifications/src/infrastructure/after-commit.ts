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

type Callback = () => unknown;

const pending = new WeakMap<QueryRunner, Callback[]>();

/**
 * Runs `callback` once the transaction of `manager` has committed, never if it rolls back.
 * For side effects outside the database that must follow what the transaction recorded (adding
 * a BullMQ job for a delivery row): the database stays the source of truth, and whatever a
 * crash skips here is redone by a sweep from the database.
 */
export function afterCommit(manager: EntityManager, callback: Callback): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('afterCommit must be called inside a transaction');
  const list = pending.get(runner) ?? [];
  list.push(callback);
  pending.set(runner, list);
}

/** A TypeORM subscriber that fires the afterCommit callbacks (registered on the service's DataSource). */
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
    const callbacks = pending.get(runner);
    if (!callbacks) return;
    pending.delete(runner);
    for (const callback of callbacks) {
      // Never fail the commit that already happened: log, the sweep catches up.
      void Promise.resolve()
        .then(callback)
        .catch((error: Error) =>
          this.logger.warn(`after-commit step failed (the sweep will redo it): ${error.message}`),
        );
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }
}
