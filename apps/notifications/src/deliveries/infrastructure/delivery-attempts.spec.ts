import { DataSource } from 'typeorm';
import { NotificationsEnv } from '../../config/env.schema';
import { TemplateKey } from '../../templates/domain/template-key';
import { DeliveryAttempts } from './delivery-attempts';
import { ClaimedBatch, DeliveryRepository, DeliveryRow, SentMark } from './delivery.repository';

/** The two statements, in memory: a pending row is claimed once, a sending row is busy, a mark applies once. */
class InMemoryDeliveries {
  readonly statements: { kind: 'claim' | 'mark'; tenantId: string; ids: string[] }[] = [];
  readonly status = new Map<string, 'pending' | 'sending' | 'sent'>();

  claimMany(_db: unknown, tenantId: string, ids: string[]): Promise<ClaimedBatch> {
    this.statements.push({ kind: 'claim', tenantId, ids });
    const deliveries: DeliveryRow[] = [];
    const busy: string[] = [];
    for (const id of ids) {
      const status = this.status.get(id);
      if (status === 'pending') {
        this.status.set(id, 'sending');
        deliveries.push({ id, tenant_id: tenantId, status, template: TemplateKey.Reminder } as DeliveryRow);
      } else if (status === 'sending') busy.push(id);
    }
    return Promise.resolve({ deliveries, busy, tenant: null, overrides: {} });
  }

  markSentMany(_db: unknown, tenantId: string, marks: SentMark[]): Promise<Set<string>> {
    this.statements.push({ kind: 'mark', tenantId, ids: marks.map((m) => m.deliveryId) });
    const marked = new Set<string>();
    for (const { deliveryId } of marks) {
      if (this.status.get(deliveryId) !== 'sending') continue;
      this.status.set(deliveryId, 'sent');
      marked.add(deliveryId);
    }
    return Promise.resolve(marked);
  }
}

function attemptsOver(repository: InMemoryDeliveries): DeliveryAttempts {
  const config = { NOTIFICATIONS_JOB_LOCK_MS: 30_000 } as NotificationsEnv;
  return new DeliveryAttempts({} as DataSource, config, repository as unknown as DeliveryRepository);
}

const sentMark = (deliveryId: string): SentMark => ({
  deliveryId,
  providerMessageId: 'q1',
  messageId: `<${deliveryId}@respire.example.org>`,
  event: { id: `e-${deliveryId}`, topic: 't', key: deliveryId, type: 'x', payload: {}, headers: {} },
});

describe('DeliveryAttempts', () => {
  it('claims the sends of a tenant started in the same tick in one statement, each getting its own outcome', async () => {
    const repository = new InMemoryDeliveries();
    ['d1', 'd2', 'd3'].forEach((id) => repository.status.set(id, 'pending'));
    repository.status.set('d4', 'sending');
    const attempts = attemptsOver(repository);

    const outcomes = await Promise.all(
      ['d1', 'd2', 'd3', 'd4', 'gone'].map((id) => attempts.claim('t1', id)),
    );

    expect(outcomes.map((o) => o.status)).toEqual(['claimed', 'claimed', 'claimed', 'busy', 'finished']);
    expect(repository.statements).toEqual([
      { kind: 'claim', tenantId: 't1', ids: ['d1', 'd2', 'd3', 'd4', 'gone'] },
    ]);
  });

  it('gives a delivery claimed twice in one batch to one caller only; the other is told it is busy', async () => {
    const repository = new InMemoryDeliveries();
    repository.status.set('d1', 'pending');
    const attempts = attemptsOver(repository);

    const outcomes = await Promise.all([attempts.claim('t1', 'd1'), attempts.claim('t1', 'd1')]);

    expect(outcomes.map((o) => o.status)).toEqual(['claimed', 'busy']);
    expect(repository.statements[0].ids).toEqual(['d1']);
  });

  it('marks the sends accepted together in one statement, the same delivery once', async () => {
    const repository = new InMemoryDeliveries();
    ['d1', 'd2'].forEach((id) => repository.status.set(id, 'sending'));
    const attempts = attemptsOver(repository);

    const marked = await Promise.all([
      attempts.markSent('t1', sentMark('d1')),
      attempts.markSent('t1', sentMark('d2')),
      attempts.markSent('t1', sentMark('d1')),
    ]);

    expect(marked).toEqual([true, true, false]);
    expect(repository.statements).toEqual([{ kind: 'mark', tenantId: 't1', ids: ['d1', 'd2'] }]);
  });

  it('never puts two tenants in one statement', async () => {
    const repository = new InMemoryDeliveries();
    ['a1', 'b1'].forEach((id) => repository.status.set(id, 'pending'));
    const attempts = attemptsOver(repository);

    await Promise.all([attempts.claim('ta', 'a1'), attempts.claim('tb', 'b1')]);

    expect(repository.statements.map((s) => [s.tenantId, s.ids])).toEqual([
      ['ta', ['a1']],
      ['tb', ['b1']],
    ]);
  });
});
