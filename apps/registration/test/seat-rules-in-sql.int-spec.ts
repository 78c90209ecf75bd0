import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { holdsSeat, REGISTRATION_STATUSES, RegistrationStatus, TENANT_DEFAULTS } from '@respire/contracts';
import { OutboxRow } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { createTestDatabase, TestDatabase } from '@respire/testing';
import { REGISTRATION_MIGRATIONS } from '../src/infrastructure/migrations';
import { SessionSeats } from '../src/registrations/domain/session-seats';
import {
  NewcomerOutcome,
  RegistrationRepository,
} from '../src/registrations/infrastructure/registration.repository';
import { DEFAULT_TENANT_POLICY } from '../src/tenants/domain/tenant-policy';
import { SessionRepository } from '../src/sessions/infrastructure/session.repository';
import {
  ParticipantRepository,
  StoredParticipant,
} from '../src/registrations/infrastructure/participant.repository';

/**
 * The seat rules the database applies are the domain's: the trigger counts exactly the contract's
 * seat-holding statuses, and register_newcomer places a newcomer as SessionSeats.place does.
 */
describe('seat rules in PostgreSQL (real database)', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let app: DataSource;
  const tenantId = uuidv7();
  const registrations = new RegistrationRepository();
  const sessions = new SessionRepository();
  const participants = new ParticipantRepository();
  const policy = { ...DEFAULT_TENANT_POLICY, tenantId };

  beforeAll(async () => {
    db = await createTestDatabase(REGISTRATION_MIGRATIONS);
    owner = await db.dataSource('owner');
    app = await db.dataSource('app');
    await owner.query(
      `INSERT INTO tenant_directory (tenant_id, slug, name, timezone, waitlist_mode, offer_ttl_minutes, offer_cutoff_minutes, late_cancellation_minutes)
       VALUES ($1, 'seats', 'CPTS', $2, $3, $4, $5, $6)`,
      [
        tenantId,
        TENANT_DEFAULTS.timezone,
        policy.waitlistMode,
        policy.offerTtlMinutes,
        policy.offerCutoffMinutes,
        policy.lateCancellationMinutes,
      ],
    );
  });

  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
    await db?.drop();
  });

  async function newSession(capacity: number): Promise<string> {
    const id = uuidv7();
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    await owner.query(
      `INSERT INTO session (tenant_id, id, activity_id, title, category, confidential, starts_at, ends_at, timezone, venue, capacity, status)
       VALUES ($1, $2, $3, 'Yoga', 'Corps', false, $4, $5, 'Europe/Paris', '{"id": "v", "name": "Salle", "address": null}'::jsonb, $6, 'published')`,
      [tenantId, id, uuidv7(), startsAt, new Date(startsAt.getTime() + 3_600_000), capacity],
    );
    return id;
  }

  async function addRegistration(sessionId: string, status: RegistrationStatus): Promise<string> {
    const participantId = uuidv7();
    await owner.query(
      `INSERT INTO participant (tenant_id, id, email, first_name, last_name, profession, practice_mode, postcode, department, consents, created_at, updated_at)
       VALUES ($1, $2, $3, 'Claire', 'Martin', 'infirmier', 'liberal', '25000', '25', '{}'::jsonb, now(), now())`,
      [tenantId, participantId, `${participantId}@example.org`],
    );
    await owner.query(
      `INSERT INTO registration (tenant_id, id, session_id, participant_id, status, origin, created_at, status_changed_at, offer_expires_at)
       VALUES ($1, $2, $3, $4, $5, 'import', now(), now(), CASE WHEN $5 = 'offered' THEN now() + interval '1 day' END)`,
      [tenantId, uuidv7(), sessionId, participantId, status],
    );
    return participantId;
  }

  const seatsHeld = async (sessionId: string) =>
    (await owner.query(`SELECT seats_held FROM session WHERE id = $1`, [sessionId]))[0].seats_held as number;

  it.each(REGISTRATION_STATUSES.map((status) => [status, holdsSeat(status)]))(
    'the seat counter follows the contract: a %s registration holds a seat: %s',
    async (status, holds) => {
      const sessionId = await newSession(5);
      await addRegistration(sessionId, status);
      expect(await seatsHeld(sessionId)).toBe(holds ? 1 : 0);
    },
  );

  const outboxRow = (type: string): OutboxRow => ({
    id: uuidv7(),
    tenantId,
    topic: 'registration.events.v1',
    key: 'k',
    type,
    payload: { data: { position: 1 } } as never,
    headers: {},
  });

  const newParticipant = (): StoredParticipant => {
    const id = uuidv7();
    return {
      id,
      email: `${id}@example.org`,
      firstName: 'Claire',
      lastName: 'Martin',
      profession: 'infirmier',
      practiceMode: 'liberal',
      postcode: '25000',
      department: '25',
      rpps: null,
      consents: {},
    };
  };

  async function register(
    sessionId: string,
    participant: StoredParticipant,
    { version, key, unknownId }: { version?: string; key?: string; unknownId?: boolean } = {},
  ): Promise<NewcomerOutcome> {
    const session = (await sessions.findAlone(app.manager, tenantId, sessionId))!;
    return registrations.registerNewcomer(app.manager, {
      session: { ...session, version: version ?? session.version, id: unknownId ? uuidv7() : session.id },
      id: uuidv7(),
      participant,
      origin: 'public',
      confirmedVia: 'direct',
      now: new Date(),
      events: {
        confirmed: outboxRow('registration.confirmed'),
        waitlisted: outboxRow('registration.waitlisted'),
      },
      idempotency: key ? { scope: 'register', key, requestHash: 'hash' } : null,
    });
  }

  async function storedParticipant(participantId: string): Promise<StoredParticipant> {
    return (await runInTenantTransaction(app, tenantId, (manager) =>
      participants.find(manager, tenantId, participantId),
    ))!;
  }

  // [capacity, seats held, people waiting]
  const STATES: [number, number, number][] = [
    [10, 9, 0],
    [10, 10, 0],
    [10, 10, 3],
    [10, 9, 2],
    [1, 0, 0],
    [3, 1, 1],
    [4, 6, 0], // capacity lowered under the seats held
  ];

  it.each(STATES)(
    'places a newcomer as SessionSeats does: capacity %i, %i held, %i waiting',
    async (capacity, held, waiting) => {
      const sessionId = await newSession(Math.max(capacity, held));
      for (let i = 0; i < held; i++) await addRegistration(sessionId, 'confirmed');
      for (let i = 0; i < waiting; i++) await addRegistration(sessionId, 'waitlisted');
      if (held > capacity)
        await owner.query(`UPDATE session SET capacity = $2, seats_kept = seats_held WHERE id = $1`, [
          sessionId,
          capacity,
        ]);
      const session = (await runInTenantTransaction(app, tenantId, (manager) =>
        sessions.find(manager, tenantId, sessionId),
      ))!;
      const expected = new SessionSeats(session, policy, new Date()).place(waiting);

      const participant = await storedParticipant(await addRegistration(await newSession(1), 'cancelled'));
      const outcome = await register(sessionId, participant);

      expect(outcome).toEqual(
        expected.status === 'confirmed'
          ? { outcome: 'confirmed' }
          : { outcome: 'waitlisted', position: expected.position },
      );
      const [row] = await owner.query(
        `SELECT type, payload FROM outbox WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
        [tenantId],
      );
      expect(row.type).toBe(`registration.${expected.status}`);
      if (expected.status === 'waitlisted') expect(row.payload.data.position).toBe(expected.position);
    },
  );

  const count = async (table: string) =>
    (await owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]))[0]
      .n as number;

  it('writes nothing when an assumption fails: session changed, participant stored otherwise, already registered, key known', async () => {
    const sessionId = await newSession(5);
    const holder = await storedParticipant(await addRegistration(sessionId, 'waitlisted'));
    const before = {
      registrations: await count('registration'),
      participants: await count('participant'),
      keys: await count('idempotency_key'),
    };

    expect(
      await register(sessionId, newParticipant(), { version: 'an older version', key: 'k-changed' }),
    ).toEqual({ outcome: 'changed' });
    expect(
      await register(sessionId, { ...holder, id: uuidv7(), firstName: 'Autre' }, { key: 'k-participant' }),
    ).toEqual({
      outcome: 'participant',
      participant: holder,
    });
    expect(await register(sessionId, holder, { key: 'k-held' })).toEqual({ outcome: 'held' });
    expect(await register(sessionId, newParticipant(), { unknownId: true })).toEqual({ outcome: 'gone' });
    expect({
      registrations: await count('registration'),
      participants: await count('participant'),
      keys: await count('idempotency_key'),
    }).toEqual(before);

    const newcomer = newParticipant();
    expect(await register(sessionId, newcomer, { key: 'k-new' })).toEqual({
      outcome: 'waitlisted',
      position: 2,
    });
    expect(await register(sessionId, newParticipant(), { key: 'k-new' })).toEqual({
      outcome: 'replay',
      requestHash: 'hash',
      answer: { status: 201, body: expect.objectContaining({ status: 'waitlisted', waitlistPosition: 2 }) },
    });
    expect(await storedParticipant(newcomer.id)).toEqual(newcomer);
  });
});
