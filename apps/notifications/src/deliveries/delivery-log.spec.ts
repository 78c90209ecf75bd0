import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AfterCommitSubscriber } from '@respire/tenancy';
import { TemplateKey } from '../templates/domain/template-key';
import { DeliveryRequest } from './domain/delivery';
import { DeliveryLog } from './delivery-log';
import { DeliveryRepository } from './infrastructure/delivery.repository';
import { SendQueue } from './infrastructure/send-queue';

const request = (causeId: string): DeliveryRequest => ({
  tenantId: 't',
  causeId,
  template: TemplateKey.RegistrationWaitlisted,
  recipient: `${causeId}@example.org`,
  recipientName: null,
  registrationId: null,
  participantId: null,
  sessionId: null,
  context: {},
  calendar: null,
});

describe('DeliveryLog', () => {
  const committer = new AfterCommitSubscriber({ subscribers: [] } as unknown as DataSource);

  function transaction() {
    const queryRunner = { isTransactionActive: true } as { isTransactionActive: boolean };
    const manager = { queryRunner } as unknown as EntityManager;
    const commit = () => {
      queryRunner.isTransactionActive = false;
      committer.afterTransactionCommit({ queryRunner: queryRunner as unknown as QueryRunner } as never);
    };
    return { manager, commit };
  }

  function deliveryLog() {
    let next = 0;
    const deliveries = {
      // The second request of a pair is a duplicate: no id, no send.
      insertMany: jest.fn(async (_m: EntityManager, requests: DeliveryRequest[]) =>
        requests.map((r) => (r.causeId.startsWith('dup') ? null : `d${++next}`)),
      ),
    };
    const sendQueue = { enqueueMany: jest.fn(async () => undefined), enqueueBatch: jest.fn() };
    const log = new DeliveryLog(
      deliveries as unknown as DeliveryRepository,
      sendQueue as unknown as SendQueue,
    );
    return { log, sendQueue };
  }

  it('adds the send jobs of a whole transaction in one call, once it has committed', async () => {
    const { log, sendQueue } = deliveryLog();
    const { manager, commit } = transaction();
    await log.record(manager, request('e1'));
    await log.record(manager, request('dup-e1'));
    await log.recordMany(manager, [{ request: request('e2') }, { request: request('e3') }]);
    expect(sendQueue.enqueueMany).not.toHaveBeenCalled();

    commit();
    await new Promise(setImmediate);
    expect(sendQueue.enqueueMany.mock.calls).toEqual([
      [
        [
          { tenantId: 't', deliveryId: 'd1' },
          { tenantId: 't', deliveryId: 'd2' },
          { tenantId: 't', deliveryId: 'd3' },
        ],
      ],
    ]);
  });

  it('adds nothing for a transaction that does not commit, and each committed transaction its own', async () => {
    const { log, sendQueue } = deliveryLog();
    const abandoned = transaction();
    await log.record(abandoned.manager, request('e1'));
    const committed = transaction();
    await log.record(committed.manager, request('e2'));
    committed.commit();
    await new Promise(setImmediate);
    expect(sendQueue.enqueueMany.mock.calls).toEqual([[[{ tenantId: 't', deliveryId: 'd2' }]]]);
  });
});
