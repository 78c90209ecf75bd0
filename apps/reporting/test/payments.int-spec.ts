import { v7 as uuidv7 } from 'uuid';
import {
  ACTIVITY_CREATED_V1,
  createEvent,
  EventDefinition,
  EventEnvelope,
  PAYMENT_RECORDED_V1,
  PAYMENT_VOIDED_V1,
  PROGRAMME_CREATED_V1,
  TENANT_CREATED_V1,
  Topic,
} from '@respire/contracts';
import { MessageProducer } from '@respire/messaging';
import { Role } from '@respire/tenancy';
import { waitFor } from '@respire/testing';
import { produce, ReportingTestService, startReportingService } from './reporting-helpers';

const tenantId = uuidv7();
const programmeId = uuidv7();
const pilates = uuidv7();
const parole = uuidv7();

function event<D extends EventDefinition>(topic: Topic, definition: D, data: Record<string, unknown>) {
  const envelope = createEvent(definition, data as never, {
    tenantId,
    source: topic.split('.')[0],
    subject: uuidv7(),
  }) as EventEnvelope<Record<string, unknown>>;
  return { topic, key: definition.partitionKey(envelope.data as never, tenantId), envelope };
}

function payment(activityId: string, amountCents: number, paymentId = uuidv7()) {
  return event(Topic.Registration, PAYMENT_RECORDED_V1, {
    paymentId,
    registrationId: uuidv7(),
    sessionId: uuidv7(),
    activityId,
    programmeId,
    amountCents,
    method: 'cheque',
    paidOn: '2026-03-10',
  });
}

/** Amounts collected in the funder report and its CSV, from payment events on real Kafka and PostgreSQL. */
describe('amounts collected (real Kafka and PostgreSQL)', () => {
  let service: ReportingTestService;
  let producer: MessageProducer;

  beforeAll(async () => {
    service = await startReportingService({ REPORTING_GENERATION_POLL_MS: '200' });
    producer = new MessageProducer(service.kafka.settings);
  });

  afterAll(async () => {
    await producer?.close();
    await service?.close();
  });

  it('adds up each payment once per programme and activity, leaves voided ones out, and hides amounts fewer than five people paid', async () => {
    const twice = payment(pilates, 1500);
    const voided = payment(pilates, 9900);
    await produce(producer, service.kafka.prefix, [
      event(Topic.Catalog, TENANT_CREATED_V1, {
        ...(TENANT_CREATED_V1.example as Record<string, unknown>),
        tenantId,
        slug: `cpts-${tenantId.slice(-8)}`,
      }),
      event(Topic.Catalog, PROGRAMME_CREATED_V1, {
        ...(PROGRAMME_CREATED_V1.example as Record<string, unknown>),
        programmeId,
        title: 'L’instant des soignants',
      }),
      event(Topic.Catalog, ACTIVITY_CREATED_V1, {
        ...(ACTIVITY_CREATED_V1.example as Record<string, unknown>),
        activityId: pilates,
        programmeId,
        title: 'Pilates & respiration',
        confidential: false,
      }),
      event(Topic.Catalog, ACTIVITY_CREATED_V1, {
        ...(ACTIVITY_CREATED_V1.example as Record<string, unknown>),
        activityId: parole,
        programmeId,
        title: 'Groupe de parole',
        confidential: true,
      }),
      twice,
      twice, // delivered again: counted once
      ...[1, 2, 3, 4, 5].map(() => payment(pilates, 1500)),
      payment(parole, 500),
      payment(parole, 500),
      voided,
      event(Topic.Registration, PAYMENT_VOIDED_V1, {
        paymentId: voided.envelope.data.paymentId as string,
        registrationId: voided.envelope.data.registrationId as string,
        sessionId: voided.envelope.data.sessionId as string,
      }),
    ]);
    const token = await service.token(Role.Coordinator, tenantId);
    const summary = await waitFor(
      () =>
        service.request(
          'GET',
          `/v1/reports/summary?programmeId=${programmeId}&from=2026-01-01&to=2026-06-30`,
          { token },
        ),
      (response) =>
        response.status === 200 &&
        response.body.amountsCollected.activities.length === 2 &&
        response.body.amountsCollected.activities.every((a: { title: string }) => a.title !== 'Activité'),
      { what: 'the payments and activities to be projected' },
    );
    const owner = await service.db.dataSource('owner');
    await waitFor(
      () => owner.query(`SELECT count(*)::int AS n FROM payment_collected WHERE voided_at IS NOT NULL`),
      (rows: { n: number }[]) => rows[0].n === 1,
      { what: 'the void to be projected' },
    );
    const report = (
      await service.request(
        'GET',
        `/v1/reports/summary?programmeId=${programmeId}&from=2026-01-01&to=2026-06-30`,
        { token },
      )
    ).body;
    const amounts = report.amountsCollected;
    expect(amounts.activities).toEqual(
      expect.arrayContaining([
        {
          activityId: pilates,
          title: 'Pilates & respiration',
          confidential: false,
          programmeId,
          amountCents: 6 * 1500,
        },
        // two payments: the amount would tell how many paid
        { activityId: parole, title: 'Groupe de parole', confidential: true, programmeId, amountCents: null },
      ]),
    );
    // one hidden activity in the programme: its amount would be the programme's minus the others'.
    expect(amounts.programmes).toEqual([
      { programmeId, title: 'L’instant des soignants', amountCents: null },
    ]);
    expect(summary.status).toBe(200);

    const csv = (
      await service.request(
        'GET',
        `/v1/reports/export.csv?programmeId=${programmeId}&from=2026-01-01&to=2026-06-30`,
        { token },
      )
    ).body as string;
    expect(csv).toContain('Montants encaissés (euros);Pilates & respiration;Montant;90,00');
    expect(csv).toContain(
      'Montants encaissés (euros);Groupe de parole (confidentielle);Montant;<5 paiements',
    );

    // Outside the period: nothing collected.
    const before = (
      await service.request(
        'GET',
        `/v1/reports/summary?programmeId=${programmeId}&from=2025-01-01&to=2025-12-31`,
        { token },
      )
    ).body;
    expect(before.amountsCollected).toEqual({ total: { amountCents: 0 }, programmes: [], activities: [] });
  });
});
