import { TEST_JWT_SECRET } from '@respire/testing';
import {
  SEED_HISTORY_CORRELATION_ID,
  seedRegistrationHistory,
} from '../../../scripts/seed-registration-history';
import { ReleaseFeedbackUseCase } from '../src/registrations/use-cases/release-feedback/release-feedback.use-case';
import { newTenant, ownerData, sessionPublished, useRegistration } from './support';

describe('demo history import (real PostgreSQL)', () => {
  const tenant = newTenant();

  const testbed = useRegistration({}, tenant);

  it('gives past sessions plausible registrations, attendance and anonymous feedback, once', async () => {
    const past = [
      sessionPublished(tenant.tenantId, { startsInMinutes: -30 * 24 * 60, capacity: 12 }),
      sessionPublished(tenant.tenantId, { startsInMinutes: -3 * 24 * 60, capacity: 8 }),
    ];
    const future = sessionPublished(tenant.tenantId, { startsInMinutes: 3 * 24 * 60 });
    await testbed.feed.publish(...past, future);
    for (const event of [...past, future])
      await testbed.waitForSession(tenant.tenantId, event.data.sessionId);
    const options = {
      dataSource: await testbed.service.db.dataSource('app'),
      linkSecret: TEST_JWT_SECRET,
      publicBaseUrl: 'http://127.0.0.1:3002',
      tenantIds: [tenant.tenantId],
    };

    const first = await seedRegistrationHistory(options);
    const again = await seedRegistrationHistory(options);

    expect(first.sessions).toBe(2);
    expect(first.registrations).toBeGreaterThanOrEqual(4);
    expect(first.attended).toBeGreaterThan(0);
    expect(again).toMatchObject({ sessions: 0, registrations: 0 });

    const owner = await ownerData(testbed.service);
    const perSession: { session_id: string; n: number; seats_held: number; capacity: number }[] =
      await owner.query(
        `SELECT s.id AS session_id, count(r.id)::int AS n, s.seats_held, s.capacity
         FROM session s LEFT JOIN registration r ON r.tenant_id = s.tenant_id AND r.session_id = s.id
        WHERE s.tenant_id = $1 GROUP BY s.tenant_id, s.id`,
        [tenant.tenantId],
      );
    expect(perSession.find((s) => s.session_id === future.data.sessionId)!.n).toBe(0);
    for (const s of perSession) expect(s.seats_held).toBeLessThanOrEqual(s.capacity);

    const statuses: { status: string }[] = await owner.query(
      `SELECT DISTINCT status FROM registration WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(
      statuses
        .map((s) => s.status)
        .every((s) => ['attended', 'no_show', 'cancelled', 'waitlisted'].includes(s)),
    ).toBe(true);
    const [{ waiting }] = await owner.query(
      `SELECT count(*)::int AS waiting FROM registration WHERE tenant_id = $1 AND status = 'waitlisted'`,
      [tenant.tenantId],
    );
    expect(waiting).toBe(first.waitlisted);
    // Cancellations are the seat rules' own: late when within the tenant's notice (24 h here).
    const cancellations: { late: boolean; minutes: number }[] = await owner.query(
      `SELECT r.late_cancellation AS late, extract(epoch FROM s.starts_at - r.status_changed_at) / 60 AS minutes
         FROM registration r JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND r.status = 'cancelled'`,
      [tenant.tenantId],
    );
    expect(cancellations).toHaveLength(first.cancelled);
    for (const c of cancellations) expect(c.late).toBe(Number(c.minutes) < 24 * 60);
    const feedbackColumns: { column_name: string }[] = await owner.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'feedback'`,
    );
    expect(feedbackColumns.map((c) => c.column_name)).not.toEqual(
      expect.arrayContaining(['registration_id']),
    );
    // Given as participants give it: sealed, then released in batches by the worker (the month-old
    // session's window has closed, so all of its feedback goes).
    await testbed.service.app.get(ReleaseFeedbackUseCase).execute(tenant.tenantId);
    const count = async (table: string, sessionId?: string) =>
      (
        await owner.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND ($2::uuid IS NULL OR session_id = $2)`,
          [tenant.tenantId, sessionId ?? null],
        )
      )[0].n;
    expect((await count('feedback')) + (await count('feedback_pending'))).toBe(first.feedback);
    expect(await count('feedback_pending', past[0].data.sessionId)).toBe(0);
    const [{ marks }] = await owner.query(
      `SELECT count(*)::int AS marks FROM feedback_given_mark WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(marks).toBe(first.feedback);

    const events: { type: string; correlation: string; occurred: string }[] = await owner.query(
      `SELECT type, payload->>'correlationId' AS correlation, payload->>'occurredAt' AS occurred FROM outbox WHERE tenant_id = $1 AND type LIKE 'registration.%'`,
      [tenant.tenantId],
    );
    expect(events.filter((e) => e.type === 'registration.attended')).toHaveLength(first.attended);
    // The import's own events; released feedback carries the release's (it names no import).
    const imported = events.filter((e) => e.type !== 'registration.feedback-submitted');
    expect(imported.every((e) => e.correlation === SEED_HISTORY_CORRELATION_ID)).toBe(true);
    expect(events.every((e) => new Date(e.occurred) < new Date())).toBe(true);
  });
});
