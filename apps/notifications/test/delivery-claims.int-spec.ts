import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { createTestDatabase, TestDatabase, waitFor } from '@respire/testing';
import { runInTenantTransaction } from '@respire/tenancy';
import { DeliveryRepository, SentMark } from '../src/deliveries/infrastructure/delivery.repository';
import { NOTIFICATIONS_MIGRATIONS } from '../src/infrastructure/migrations';
import { TemplateKey } from '../src/templates/domain/template-key';

/**
 * The claim and the mark of a send attempt (delivery_claim_many, delivery_mark_sent_many) on the
 * app role (row-level security on), with two data sources standing for two worker processes.
 */
describe('delivery claims and marks', () => {
  let database: TestDatabase;
  let owner: DataSource;
  let workerA: DataSource;
  let workerB: DataSource;
  const deliveries = new DeliveryRepository();
  const tenantId = uuidv7();
  const LONG_LEASE_MS = 60_000;

  beforeAll(async () => {
    database = await createTestDatabase(NOTIFICATIONS_MIGRATIONS);
    owner = await database.dataSource('owner');
    workerA = await database.dataSource('app');
    workerB = await database.dataSource('app');
    await owner.query(
      `INSERT INTO tenant_directory (tenant_id, slug, timezone, locale, reminder_offsets_minutes)
       VALUES ($1, 'claims', 'Europe/Paris', 'fr', '{180}')`,
      [tenantId],
    );
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
  });

  async function record(count: number): Promise<string[]> {
    const ids = await runInTenantTransaction(workerA, tenantId, (manager) =>
      deliveries.insertMany(
        manager,
        Array.from({ length: count }, (_, i) => ({
          tenantId,
          causeId: uuidv7(),
          template: TemplateKey.Reminder,
          recipient: `p${i}@example.org`,
          recipientName: null,
          registrationId: null,
          participantId: null,
          sessionId: null,
          context: {},
          calendar: null,
          causeKind: 'reminder' as const,
          correlationId: null,
        })),
      ),
    );
    return ids.map((id) => id!);
  }

  function mark(deliveryId: string): SentMark {
    const eventId = uuidv7();
    return {
      deliveryId,
      providerMessageId: `queued-${deliveryId}`,
      messageId: `<${deliveryId}@respire.example.org>`,
      event: {
        id: eventId,
        topic: 'notifications.events.v1',
        key: deliveryId,
        type: 'notifications.delivery-sent',
        payload: { id: eventId },
        headers: {},
      },
    };
  }

  async function rowsOf(ids: string[]) {
    const rows: { id: string; status: string; attempts: number; interrupted_attempts: number }[] =
      await owner.query(
        `SELECT id, status, attempts, interrupted_attempts FROM delivery WHERE id = ANY ($1::uuid[])`,
        [ids],
      );
    return new Map(rows.map((row) => [row.id, row]));
  }

  it('two workers claiming the same deliveries at the same time never both get one', async () => {
    const ids = await record(200);
    const shuffled = () => [...ids].sort(() => Math.random() - 0.5);
    // Each worker claims every id, in overlapping batches of 25, all at once.
    const claimAll = (worker: DataSource) => {
      const order = shuffled();
      return Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          deliveries.claimMany(worker, tenantId, order.slice(i * 25, i * 25 + 25), LONG_LEASE_MS),
        ),
      );
    };
    const [byA, byB] = await Promise.all([claimAll(workerA), claimAll(workerB)]);
    const claimedByA = byA.flatMap((batch) => batch.deliveries.map((row) => row.id));
    const claimedByB = byB.flatMap((batch) => batch.deliveries.map((row) => row.id));

    expect(claimedByA.filter((id) => claimedByB.includes(id))).toEqual([]);
    expect(new Set([...claimedByA, ...claimedByB]).size).toBe(claimedByA.length + claimedByB.length);
    expect(claimedByA.length + claimedByB.length).toBe(ids.length);
    // What one worker claimed, the other was told is busy (not finished: its job retries later).
    const busyForB = new Set(byB.flatMap((batch) => batch.busy));
    expect(claimedByA.every((id) => busyForB.has(id))).toBe(true);
    const rows = await rowsOf(ids);
    expect([...rows.values()].every((row) => row.status === 'sending' && row.attempts === 1)).toBe(true);
  });

  it('a delivery claimed by a worker that then died is claimed again once its lease has run out', async () => {
    const [id] = await record(1);
    const leaseMs = 1_500;
    const claimedAt = Date.now();
    const first = await deliveries.claimMany(workerA, tenantId, [id], leaseMs);
    expect(first.deliveries.map((row) => [row.id, row.status])).toEqual([[id, 'pending']]);

    // Worker A "crashed": no mark. While its lease holds, B is told the row is busy.
    const during = await deliveries.claimMany(workerB, tenantId, [id], leaseMs);
    expect(during).toMatchObject({ deliveries: [], busy: [id] });

    const retried = await waitFor(
      () => deliveries.claimMany(workerB, tenantId, [id], leaseMs),
      (batch) => batch.deliveries.length === 1,
      { what: 'the row claimable again', timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(leaseMs);
    expect(retried.deliveries[0]).toMatchObject({ id, status: 'sending', attempts: 1 });
    expect((await rowsOf([id])).get(id)).toMatchObject({
      status: 'sending',
      attempts: 2,
      interrupted_attempts: 1,
    });
  });

  it('marks in one statement, once: a replayed mark changes nothing and adds no second event', async () => {
    const ids = await record(3);
    await deliveries.claimMany(workerA, tenantId, ids, LONG_LEASE_MS);
    const marks = ids.map(mark);

    const marked = await deliveries.markSentMany(workerA, tenantId, marks);
    const replayed = await deliveries.markSentMany(workerB, tenantId, [marks[0]]);

    expect([...marked].sort()).toEqual([...ids].sort());
    expect([...replayed]).toEqual([]);
    const rows = await rowsOf(ids);
    expect([...rows.values()].map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    const [{ events }] = await owner.query(
      `SELECT count(*)::int AS events FROM outbox WHERE key = ANY ($1::text[])`,
      [ids],
    );
    expect(events).toBe(3);
    // A sent delivery is finished: claiming it again gives nothing, and says it is not busy.
    expect(await deliveries.claimMany(workerB, tenantId, ids, LONG_LEASE_MS)).toMatchObject({
      deliveries: [],
      busy: [],
    });
  });

  it('an attempt whose lease ran out cannot put back the row a newer attempt holds', async () => {
    const [id] = await record(1);
    await deliveries.claimMany(workerA, tenantId, [id], 1);
    const newer = await waitFor(
      () => deliveries.claimMany(workerB, tenantId, [id], LONG_LEASE_MS),
      (batch) => batch.deliveries.length === 1,
      { what: 'the expired claim taken over', timeoutMs: 5_000, intervalMs: 20 },
    );
    expect(newer.deliveries[0].attempts).toBe(1);

    // The first attempt (attempt 1) fails late and would put the row back to pending.
    await runInTenantTransaction(workerA, tenantId, (manager) =>
      deliveries.markRetrying(manager, tenantId, id, 1, 'connection reset'),
    );

    expect((await rowsOf([id])).get(id)).toMatchObject({ status: 'sending', attempts: 2 });
    expect(await deliveries.claimMany(workerA, tenantId, [id], LONG_LEASE_MS)).toMatchObject({
      deliveries: [],
      busy: [id],
    });
  });

  it("another tenant's claim sees nothing of the tenant's deliveries", async () => {
    const [id] = await record(1);
    const other = uuidv7();
    expect(await deliveries.claimMany(workerA, other, [id], LONG_LEASE_MS)).toMatchObject({
      deliveries: [],
      busy: [],
    });
    expect((await rowsOf([id])).get(id)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
