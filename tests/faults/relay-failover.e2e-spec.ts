import { ServiceProcess, waitFor } from '@respire/testing';
import { RegistrationAndMail } from '../support/registration-and-mail';

const isLeader = async (service: ServiceProcess) =>
  /respire_outbox_relay_leader\{[^}]*\} 1/.test(await (await fetch(`${service.baseUrl}/metrics`)).text());

/**
 * Two registration processes share one database: one holds the relay lock and publishes the
 * outbox, the other stands by. The leader is killed (SIGKILL: no goodbye); the standby takes the
 * lock and publishes what was committed meanwhile, in a bounded time, losing nothing.
 */
describe('fault: the outbox relay leader is killed', () => {
  const system = new RegistrationAndMail({ sessions: 1 });
  let first: ServiceProcess;
  let second: ServiceProcess;

  beforeAll(async () => {
    await system.setUp();
    first = await system.start('registration', { env: { ROLE: 'http,consumer,relay' } });
    second = await system.start('registration', { env: { ROLE: 'http,consumer,relay' } });
    await waitFor(
      () => system.owners.registration.query(`SELECT count(*)::int AS n FROM session`),
      (rows) => rows[0].n === 1,
      { what: 'registration to know the session' },
    );
  }, 120_000);

  afterAll(() => system.tearDown());

  it('lets the standby publish within seconds, and loses no event', async () => {
    const [sessionId] = system.sessionIds;
    const leaders = await waitFor(
      async () => [await isLeader(first), await isLeader(second)],
      (flags) => flags.filter(Boolean).length === 1,
      { what: 'exactly one relay leader' },
    );
    const [leader, standby] = leaders[0] ? [first, second] : [second, first];

    const register = async () => {
      const response = await system.register(standby.baseUrl, sessionId, system.newParticipant());
      expect(response.status).toBe(201);
    };
    await register();
    const pending = () =>
      system.owners.registration.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    await waitFor(pending, (rows) => rows[0].n === 0, { what: 'the leader publishing' });

    expect(await leader.stop('SIGKILL')).toBe('SIGKILL');
    const killedAt = Date.now();
    for (let i = 0; i < 10; i++) await register();
    await waitFor(pending, (rows) => rows[0].n === 0, {
      what: 'the standby publishing',
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    const takeoverMs = Date.now() - killedAt;
    expect(await isLeader(standby)).toBe(true);
    expect(takeoverMs).toBeLessThan(10_000);

    const [{ events }] = await system.owners.registration.query(
      `SELECT count(*)::int AS events FROM outbox WHERE type = 'registration.confirmed'`,
    );
    expect(events).toBe(11);
    process.stdout.write(`Relay leader killed: the standby took over and published in ${takeoverMs} ms\n`);
  }, 120_000);
});
