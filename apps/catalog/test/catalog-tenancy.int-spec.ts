import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Role } from '@respire/tenancy';
import { runInTenantTransaction } from '@respire/tenancy';
import {
  CatalogService,
  createTenantFixture,
  daysFromNow,
  expectStatus,
  RegistrationEvents,
  startCatalog,
  TenantFixture,
} from './catalog-harness';
import { waitFor } from '@respire/testing';

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('catalog tenancy: another tenant is never seen (real PostgreSQL, app role)', () => {
  let catalog: CatalogService;
  let alpha: TenantFixture & { sessionId: string; draftId: string };
  let beta: TenantFixture;

  beforeAll(async () => {
    catalog = await startCatalog();
    const a = await createTenantFixture(catalog, 'cpts-alpha');
    const session = await expectStatus(
      catalog.request('POST', '/v1/sessions', {
        token: a.coordinator,
        body: {
          activityId: a.activityId,
          date: daysFromNow(30),
          startTime: '18:30',
          endTime: '19:30',
          publish: true,
        },
      }),
      201,
    );
    const draft = await expectStatus(
      catalog.request('POST', '/v1/sessions', {
        token: a.coordinator,
        body: { activityId: a.activityId, date: daysFromNow(31), startTime: '18:30', endTime: '19:30' },
      }),
      201,
    );
    alpha = { ...a, sessionId: session.id, draftId: draft.id };
    beta = await createTenantFixture(catalog, 'cpts-beta');
    // A held seat, so that every table of alpha's has rows.
    const registrations = new RegistrationEvents(catalog);
    await registrations.start();
    await registrations.confirmed(alpha.id, alpha.sessionId);
    await registrations.stop();
    await waitFor(
      () =>
        expectStatus(
          catalog.request('GET', `/v1/sessions/${alpha.sessionId}`, { token: alpha.coordinator }),
          200,
        ),
      (s) => s.seatsTaken === 1,
      { what: 'the seat counted' },
    );
  });

  afterAll(async () => {
    await catalog?.close();
  });

  /** Which of alpha's ids a route's path parameter names, from the route itself. */
  function alphaIdFor(path: string, param: string): string {
    if (path.startsWith('/v1/public/tenants/{slug}/sessions/')) return alpha.sessionId;
    const collection = path.split('/')[2];
    const ids: Record<string, string> = {
      tenants: alpha.id,
      programmes: alpha.programmeId,
      activities: alpha.activityId,
      venues: alpha.venueId,
      facilitators: alpha.facilitatorId,
      sessions: alpha.sessionId,
    };
    const id = ids[collection];
    if (!id)
      throw new Error(
        `The sweep does not know which resource ${path} {${param}} names: add it to alphaIdFor`,
      );
    return id;
  }

  /** A body each route accepts, so that only the tenant can make it answer 404 (default: {}). */
  const BODIES: Record<string, unknown> = {
    'post /v1/programmes/{id}/import': {
      csv: 'activity,category,date,start,end,venue,capacity\nYoga,Énergie & Mouvement,2027-05-05,18:00,19:00,Association Le Don du Souffle,10',
    },
    'patch /v1/sessions/{id}': { capacity: 30 },
    'post /v1/activities/{id}/slots': {
      firstDate: '2027-05-04',
      weeks: 2,
      startTime: '14:00',
      endTime: '16:00',
      slotMinutes: 60,
    },
    'patch /v1/venues/{id}': { name: 'Renamed by beta' },
    'patch /v1/tenants/{id}': { name: 'Renamed by beta' },
  };

  it("answers 404 to beta on every route that takes an id of alpha's, read from the OpenAPI document", async () => {
    const document: OpenApiDocument = (await catalog.request('GET', '/docs-json')).body;
    const routes: { method: string; path: string; template: string }[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const idParams = params.filter((p) => /id$/i.test(p));
      if (idParams.length === 0) continue;
      for (const method of Object.keys(operations).filter((m) => HTTP_METHODS.includes(m))) {
        let path = template.replace('{slug}', beta.slug);
        for (const param of idParams) path = path.replace(`{${param}}`, alphaIdFor(template, param));
        routes.push({ method, path, template });
      }
    }
    // The sweep really enumerates the service: every kind of resource, reads and writes.
    expect(routes.length).toBeGreaterThanOrEqual(21);
    for (const expected of [
      'get /v1/tenants/{id}',
      'patch /v1/sessions/{id}',
      'post /v1/sessions/{id}/publish',
      'post /v1/programmes/{id}/import',
      'get /v1/public/tenants/{slug}/sessions/{sessionId}',
    ]) {
      expect(routes.map((r) => `${r.method} ${r.template}`)).toContain(expected);
    }

    const answers: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.template}`;
      const body = route.method === 'get' ? undefined : (BODIES[key] ?? {});
      const response = await catalog.request(route.method.toUpperCase(), route.path, {
        token: beta.coordinator,
        body,
      });
      // Exactly as a missing one: the same answer as for an id that exists nowhere.
      const missingPath = route.path.replace(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
        uuidv7(),
      );
      const missing = await catalog.request(route.method.toUpperCase(), missingPath, {
        token: beta.coordinator,
        body,
      });
      const same =
        JSON.stringify(response.body) === JSON.stringify(missing.body)
          ? 'same as missing'
          : 'differs from missing';
      answers.push(`${key} → ${response.status}, ${same}`);
    }
    expect(answers).toEqual(routes.map((r) => `${r.method} ${r.template} → 404, same as missing`));

    // The same ids are alpha's and readable by alpha: beta's 404s came from the tenant alone.
    for (const route of routes.filter((r) => r.method === 'get')) {
      const path = route.path.replace(beta.slug, alpha.slug);
      const response = await catalog.request('GET', path, { token: alpha.coordinator });
      expect(`${route.template} → ${response.status}`).toBe(`${route.template} → 200`);
    }
    // And nothing of alpha's changed.
    const session = await expectStatus(
      catalog.request('GET', `/v1/sessions/${alpha.sessionId}`, { token: alpha.coordinator }),
      200,
    );
    expect(session).toMatchObject({ status: 'published', capacity: 15 });
    const tenant = await expectStatus(
      catalog.request('GET', `/v1/tenants/${alpha.id}`, { token: alpha.coordinator }),
      200,
    );
    expect(tenant.name).toBe('CPTS cpts-alpha');
    const venue = await expectStatus(
      catalog.request('GET', `/v1/venues/${alpha.venueId}`, { token: alpha.coordinator }),
      200,
    );
    expect(venue).toMatchObject({ name: 'Association Le Don du Souffle', archived: false });
  });

  it('refuses to reference another tenant’s activity or venue in a body (400 at the field)', async () => {
    const response = await catalog.request('POST', '/v1/sessions', {
      token: beta.coordinator,
      body: {
        activityId: alpha.activityId,
        venueId: alpha.venueId,
        date: daysFromNow(40),
        startTime: '18:30',
        endTime: '19:30',
        capacity: 5,
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'activityId',
      'venueId',
    ]);
  });

  it("shows a facilitator only the sessions they lead; a colleague's answers 404", async () => {
    const colleague = await expectStatus(
      catalog.request('POST', '/v1/facilitators', {
        token: alpha.coordinator,
        body: { name: 'Dominique Colin' },
      }),
      201,
    );
    const theirs = await expectStatus(
      catalog.request('POST', '/v1/sessions', {
        token: alpha.coordinator,
        body: {
          activityId: alpha.activityId,
          facilitatorId: colleague.id,
          date: daysFromNow(32),
          startTime: '18:30',
          endTime: '19:30',
          publish: true,
        },
      }),
      201,
    );
    const facilitator = await catalog.token(Role.Facilitator, alpha.id, alpha.facilitatorId);

    const own = await catalog.request('GET', `/v1/sessions/${alpha.sessionId}`, { token: facilitator });
    expect(own.status).toBe(200);
    const colleagues = await catalog.request('GET', `/v1/sessions/${theirs.id}`, { token: facilitator });
    expect(colleagues.status).toBe(404);
    expect(colleagues.body).toEqual({ error: 'session_not_found', message: 'Séance introuvable' });
    const list = await expectStatus(catalog.request('GET', '/v1/sessions', { token: facilitator }), 200);
    expect(list.map((s: { id: string }) => s.id).sort()).toEqual([alpha.sessionId, alpha.draftId].sort());
    expect(list.every((s: { facilitatorId: string }) => s.facilitatorId === alpha.facilitatorId)).toBe(true);

    // Reading is all a facilitator does here.
    expect(
      (
        await catalog.request('POST', `/v1/sessions/${alpha.sessionId}/cancel`, {
          token: facilitator,
          body: {},
        })
      ).status,
    ).toBe(403);
    expect((await catalog.request('GET', '/v1/venues', { token: facilitator })).status).toBe(403);
    // A facilitator token that names no facilitator sees nothing.
    const anonymous = await catalog.token(Role.Facilitator, alpha.id);
    expect(await expectStatus(catalog.request('GET', '/v1/sessions', { token: anonymous }), 200)).toEqual([]);
    // Another tenant's facilitator with the same facilitator id sees nothing of alpha's.
    const impostor = await catalog.token(Role.Facilitator, beta.id, alpha.facilitatorId);
    expect(
      (await catalog.request('GET', `/v1/sessions/${alpha.sessionId}`, { token: impostor })).status,
    ).toBe(404);
  });

  describe('the database itself, with the application bypassed (raw SQL as the app role)', () => {
    let app: DataSource;
    let owner: DataSource;
    let tables: string[];

    beforeAll(async () => {
      app = await catalog.db.dataSource('app');
      owner = await catalog.db.dataSource('owner');
      const rows: { table_name: string }[] = await owner.query(
        `SELECT DISTINCT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name NOT IN ('outbox', 'inbox')
          ORDER BY table_name`,
      );
      tables = rows.map((r) => r.table_name);
    });

    it('protects every table but the messaging ones with row-level security, forced on all but tenants', async () => {
      const rows: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[] =
        await owner.query(
          `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('outbox', 'inbox', 'migrations')
          ORDER BY c.relname`,
        );
      expect(rows.map((r) => r.relname).sort()).toEqual([...tables, 'tenants'].sort());
      for (const row of rows) {
        expect({ table: row.relname, rls: row.relrowsecurity, forced: row.relforcerowsecurity }).toEqual({
          table: row.relname,
          rls: true,
          forced: row.relname !== 'tenants',
        });
      }
      const [role] = await app.query(
        `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
      );
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    });

    it("shows beta's transaction none of alpha's rows in any table, and no transaction without a tenant any row", async () => {
      expect(tables).toEqual([
        'activities',
        'facilitators',
        'programmes',
        'session_seats',
        'sessions',
        'venues',
      ]);
      for (const table of tables) {
        const seenByAlpha = await runInTenantTransaction(app, alpha.id, (m) =>
          m.query(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [alpha.id]),
        );
        const seenByBeta = await runInTenantTransaction(app, beta.id, (m) =>
          m.query(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [alpha.id]),
        );
        const seenByNobody = await app.query(`SELECT count(*)::int AS n FROM "${table}"`);
        expect({
          table,
          alpha: seenByAlpha[0].n > 0,
          beta: seenByBeta[0].n,
          none: seenByNobody[0].n,
        }).toEqual({
          table,
          alpha: true,
          beta: 0,
          none: 0,
        });
      }
      const tenants = await runInTenantTransaction(app, beta.id, (m) => m.query(`SELECT id FROM tenants`));
      expect(tenants).toEqual([{ id: beta.id }]);
    });

    it("refuses beta's transaction any write to alpha's rows: updates and deletes touch nothing, inserts fail", async () => {
      for (const table of [...tables, 'tenants']) {
        const key = table === 'tenants' ? 'id' : 'tenant_id';
        const [, updated] = await runInTenantTransaction(app, beta.id, (m) =>
          m.query(`UPDATE "${table}" SET ${key} = ${key} WHERE ${key} = $1`, [alpha.id]),
        );
        const [, deleted] = await runInTenantTransaction(app, beta.id, (m) =>
          m.query(`DELETE FROM "${table}" WHERE ${key} = $1`, [alpha.id]),
        );
        expect({ table, updated, deleted }).toEqual({ table, updated: 0, deleted: 0 });

        // A copy of one of alpha's rows (fresh ids), written from beta's transaction.
        const [original] = await owner.query(
          `SELECT to_jsonb(t) AS row FROM "${table}" t WHERE ${key} = $1 LIMIT 1`,
          [alpha.id],
        );
        const copy = { ...original.row, ...(table === 'tenants' ? { slug: 'cpts-copy' } : { id: uuidv7() }) };
        if (table === 'session_seats') copy.registration_id = uuidv7();
        await expect(
          runInTenantTransaction(app, beta.id, (m) =>
            m.query(
              `INSERT INTO "${table}" SELECT * FROM jsonb_populate_record(null::"${table}", $1::jsonb)`,
              [JSON.stringify(copy)],
            ),
          ),
        ).rejects.toThrow(/row-level security/);
      }
      const [count] = await owner.query(`SELECT count(*)::int AS n FROM venues WHERE tenant_id = $1`, [
        alpha.id,
      ]);
      expect(count.n).toBe(2);
    });

    it('crosses tenants only through the two owner functions, which reveal a slug’s id and the directory', async () => {
      const [{ id }] = await app.query(`SELECT tenant_id_by_slug($1) AS id`, [alpha.slug]);
      expect(id).toBe(alpha.id);
      const directory = await app.query(`SELECT slug FROM tenant_directory()`);
      expect(directory.map((r: { slug: string }) => r.slug)).toEqual(['cpts-alpha', 'cpts-beta']);
    });
  });

  // Last: it adds rows to alpha that the row-level-security counts above do not expect.
  it('archives a programme, an activity, a venue and a facilitator no upcoming session uses; twice changes nothing', async () => {
    const post = (path: string, body: unknown) =>
      expectStatus(catalog.request('POST', path, { token: alpha.coordinator, body }), 201);
    const programme = await post('/v1/programmes', { title: 'Programme à archiver' });
    const created = {
      programmes: programme,
      activities: await post('/v1/activities', {
        programmeId: programme.id,
        title: 'Atelier à archiver',
        category: 'Énergie & Mouvement',
      }),
      venues: await post('/v1/venues', { name: 'Lieu à archiver' }),
      facilitators: await post('/v1/facilitators', { name: 'Intervenant à archiver' }),
    };
    for (const [route, row] of Object.entries(created)) {
      expect(row.archived).toBe(false);
      for (let time = 0; time < 2; time++) {
        const archived = await expectStatus(
          catalog.request('POST', `/v1/${route}/${row.id}/archive`, { token: alpha.coordinator }),
          200,
        );
        expect({ route, archived: archived.archived }).toEqual({ route, archived: true });
      }
      const read = await expectStatus(
        catalog.request('GET', `/v1/${route}/${row.id}`, { token: alpha.coordinator }),
        200,
      );
      expect({ route, id: read.id, archived: read.archived }).toEqual({ route, id: row.id, archived: true });
    }
  });
});
