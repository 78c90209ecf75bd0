import { DataSource, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ACTIVITY_CREATED_V1,
  ACTIVITY_UPDATED_V1,
  EventEnvelope,
  TENANT_CREATED_V1,
} from '@respire/contracts';
import { setTenantForTransaction } from '@respire/tenancy';
import { createTestDatabase, TestDatabase } from '@respire/testing';
import { REPORTING_MIGRATIONS } from '../src/infrastructure/migrations';
import { ReadModelGeneration } from '../src/read-models/infrastructure/read-model-generation';
import { ReadModelProjector } from '../src/read-models/projections/read-model.projector';
import { expectScopeRollupsMatchScan } from './scope-rollups-scan';
import { activityData, History } from './scripted-history';

jest.setTimeout(60_000);

const at = (date: string) => `${date}T09:00:00.000Z`;
const session = (activityId: string, category: string) => ({
  activityId,
  title: 'Pilates',
  category,
  confidential: false,
  programmeId: null,
  startsAt: '2026-01-15T17:30:00.000Z',
  endsAt: '2026-01-15T18:30:00.000Z',
  venue: { id: uuidv7(), name: 'Gymnase', address: null },
  capacity: 10,
});
const activity = (activityId: string, category: string) =>
  activityData({ activityId, title: 'Pilates', category, capacity: 10 });

type CatalogChange = 'venue' | 'month' | 'publish' | 'publish rescheduled' | 'category';
type RegistrationChange = 'attend' | 'erase';

/**
 * A tenant's history in three parts: what is already projected, then a catalog batch and a
 * registration batch that two partition lanes of the projection run at once.
 */
interface Scenario {
  history: History;
  projected: EventEnvelope[];
  catalog: EventEnvelope[];
  registration: EventEnvelope[];
}

/** Envelopes as the consumer hands them over (parsed from JSON). */
const envelopes = (h: History, from: number, to = h.events.length) =>
  h.events.slice(from, to).map((e) => JSON.parse(JSON.stringify(e.envelope)) as EventEnvelope);

/**
 * q2 attended session S; q1 confirmed and, in the registration batch, attends (or had attended
 * and is erased). The catalog batch moves S to another venue or month, publishes it (the
 * registrations came first: a placeholder until then, after a reschedule or not) or gives its
 * activity another category.
 */
function scenario(catalogChange: CatalogChange, registrationChange: RegistrationChange): Scenario {
  const h = new History(uuidv7());
  const activityId = uuidv7();
  h.emit(
    TENANT_CREATED_V1,
    { ...TENANT_CREATED_V1.example!, tenantId: h.tenantId, slug: `t-${h.tenantId.slice(-6)}` },
    at('2025-12-01'),
  );
  h.emit(ACTIVITY_CREATED_V1, activity(activityId, 'Énergie & Mouvement'), at('2025-12-02'));
  h.person('q1', 'infirmier', 'liberal', '25');
  h.person('q2', 'medecin', 'liberal', '25');
  h.publishSession('S', session(activityId, 'Énergie & Mouvement'), at('2026-01-02'));
  const published = h.events.length - 1;
  // Registrations after a reschedule carry its times: the placeholder they leave keeps them when
  // the (older) publication arrives, so the session's start does not change.
  const rescheduled = catalogChange === 'publish rescheduled' ? h.events.length : -1;
  if (rescheduled >= 0)
    h.reschedule('S', '2026-01-16T17:30:00.000Z', '2026-01-16T18:30:00.000Z', at('2026-01-03'));
  h.confirm('S', 'q1', at('2026-01-05'));
  h.confirm('S', 'q2', at('2026-01-05'));
  h.attend('S', 'q2', at('2026-01-15'));
  if (registrationChange === 'erase') h.attend('S', 'q1', at('2026-01-15'));
  const projected = h.events.length;
  const s = h.sessions.get('S')!;
  if (catalogChange === 'venue') {
    s.venue = { id: uuidv7(), name: 'Salle des fêtes', address: null };
    h.reschedule('S', s.startsAt, s.endsAt, at('2026-01-10'));
  }
  if (catalogChange === 'month')
    h.reschedule('S', '2026-02-05T17:30:00.000Z', '2026-02-05T18:30:00.000Z', at('2026-01-10'));
  if (catalogChange === 'category')
    h.emit(ACTIVITY_UPDATED_V1, activity(activityId, 'Gestion des Émotions'), at('2026-01-10'));
  const catalog = h.events.length;
  if (registrationChange === 'attend') h.attend('S', 'q1', at('2026-01-15'));
  else h.erase('q1', at('2026-11-01'));
  const all = envelopes(h, 0);
  const parts = { history: h, registration: all.slice(catalog) };
  if (catalogChange === 'publish' || catalogChange === 'publish rescheduled')
    return {
      ...parts,
      projected: all.slice(0, projected).filter((_, i) => i !== published && i !== rescheduled),
      catalog: [all[published]!],
    };
  return { ...parts, projected: all.slice(0, projected), catalog: all.slice(projected, catalog) };
}

describe('scope rollups kept by concurrent batches of one tenant', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: DataSource;
  const generation = new ReadModelGeneration(1);
  const projector = new ReadModelProjector(generation);

  beforeAll(async () => {
    db = await createTestDatabase(REPORTING_MIGRATIONS);
    app = await db.dataSource('app');
    owner = await db.dataSource('owner');
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** A batch projected in a transaction of its own, left open; `pid` is its backend. */
  const open = async (tenantId: string) => {
    const runner: QueryRunner = app.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await setTenantForTransaction(runner.manager, tenantId);
    const [{ pid }] = await runner.query(`SELECT pg_backend_pid() AS pid`);
    const project = (events: EventEnvelope[]) =>
      projector.handleBatch(events, { manager: runner.manager, tenantId, topic: 'test', partition: 0 });
    const commit = async () => {
      await runner.commitTransaction();
      await runner.release();
    };
    return { pid: pid as number, project, commit };
  };

  /** Resolves once backend `pid` waits for a lock (another transaction's), unless `settled` first. */
  const blocked = async (pid: number, settled: () => boolean): Promise<void> => {
    while (!settled()) {
      const [row] = await owner.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
      if (row?.wait_event_type === 'Lock') return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  /** The rollups the projection kept equal the same rollups scanned from the tenant's rows. */
  const expectRollupsMatchScan = async (tenantId: string) => {
    const t = generation.t;
    await expectScopeRollupsMatchScan(owner, generation, tenantId);
    const [{ participants }] = await owner.query(
      `SELECT participants FROM ${t.distinct_counts} WHERE tenant_id = $1 AND period = '' AND dimension = 'total'`,
      [tenantId],
    );
    expect(participants).toBe(2);
  };

  // The first batch is written and left uncommitted; the second then runs to its end, or until
  // it waits for the first's locks; the first commits, then the second. Either way both
  // batches' changes must be in the rollups.
  const cases: [CatalogChange, RegistrationChange, 'catalog' | 'registration'][] = [];
  for (const change of ['venue', 'month', 'publish', 'publish rescheduled', 'category'] as const)
    for (const registration of ['attend', 'erase'] as const)
      for (const first of ['catalog', 'registration'] as const) cases.push([change, registration, first]);

  it.each(cases)(
    'keeps the rollups exact when a catalog batch (%s) and a registration batch (%s) run at once, the %s batch first',
    async (change, registrationChange, firstBatch) => {
      const s = scenario(change, registrationChange);
      const tenantId = s.history.tenantId;
      const setup = await open(tenantId);
      await setup.project(s.projected);
      await setup.commit();

      const [one, two] = firstBatch === 'catalog' ? [s.catalog, s.registration] : [s.registration, s.catalog];
      const first = await open(tenantId);
      await first.project(one);
      const second = await open(tenantId);
      let settled = false;
      const projecting = second.project(two).finally(() => (settled = true));
      await Promise.race([projecting, blocked(second.pid, () => settled)]);
      await first.commit();
      await projecting;
      await second.commit();

      await expectRollupsMatchScan(tenantId);
    },
  );
});
