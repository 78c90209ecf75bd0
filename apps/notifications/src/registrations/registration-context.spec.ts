import { EntityManager } from 'typeorm';
import { FixedClock } from '@respire/platform';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { storedSession } from '../sessions/domain/session-copy.fixture';
import { SessionRepository } from '../sessions/infrastructure/session.repository';
import { defaultTenantSettings } from '../tenants/domain/tenant-settings';
import { TenantDirectoryRepository } from '../tenants/infrastructure/tenant-directory.repository';
import { RegistrationContext } from './registration-context';

const stored = storedSession;
const venue = stored.venue;
const snapshot = (sequence: number) => ({
  title: stored.title,
  confidential: false,
  startsAt: stored.startsAt.toISOString(),
  endsAt: stored.endsAt.toISOString(),
  timezone: stored.timezone,
  venue,
  sequence,
});
const event = (sessionId: string, sequence = 2) =>
  ({ tenantId: 't', data: { sessionId, session: snapshot(sequence) } }) as never;

/** A transaction's manager, as the consumer hands it to each event of a batch. */
const transaction = () => ({ queryRunner: { isTransactionActive: true } }) as unknown as EntityManager;

describe('RegistrationContext', () => {
  function context() {
    const tenants = {
      ensure: jest.fn(async () => undefined),
      settings: jest.fn(async () => defaultTenantSettings('t')),
    };
    const sessions = {
      findForUpdate: jest.fn(async (_m: EntityManager, _t: string, sessionId: string) => ({
        ...stored,
        sessionId,
      })),
      save: jest.fn(async () => undefined),
    };
    const subject = new RegistrationContext(
      tenants as unknown as TenantDirectoryRepository,
      sessions as unknown as SessionRepository,
      {} as ReminderScheduler,
      new FixedClock(new Date('2026-03-01T00:00:00Z')),
    );
    return { subject, tenants, sessions };
  }

  it('reads the tenant and locks a session once per transaction, for every event of a batch about it', async () => {
    const { subject, tenants, sessions } = context();
    const manager = transaction();
    const first = await subject.load(manager, event('s'));
    const second = await subject.load(manager, event('s'));
    await subject.load(manager, event('other'));

    expect(second).toEqual(first);
    expect(tenants.ensure).toHaveBeenCalledTimes(1);
    expect(tenants.settings).toHaveBeenCalledTimes(1);
    expect(sessions.findForUpdate.mock.calls.map(([, , id]) => id)).toEqual(['s', 'other']);
  });

  it('reads again in another transaction, and after saving a newer snapshot', async () => {
    const { subject, tenants, sessions } = context();
    await subject.load(transaction(), event('s'));
    await subject.load(transaction(), event('s'));
    expect(tenants.settings).toHaveBeenCalledTimes(2);
    expect(sessions.findForUpdate).toHaveBeenCalledTimes(2);

    const manager = transaction();
    const newer = await subject.load(manager, event('s', 3));
    expect(newer.session.sequence).toBe(3);
    expect(sessions.save).toHaveBeenCalledTimes(1);
    await subject.load(manager, event('s', 3));
    expect(sessions.findForUpdate).toHaveBeenCalledTimes(4);
  });
});
