import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { createEvent, Region, TENANT_CREATED_V1, Topic } from '@respire/contracts';
import { MessageProducer } from '@respire/messaging';
import { mintToken, Role } from '@respire/tenancy';
import { TEST_JWT_SECRET, waitFor } from '@respire/testing';
import { produce, ReportingTestService, startReportingService } from './reporting-helpers';

jest.setTimeout(120_000);

interface Cpts {
  tenantId: string;
  slug: string;
  name: string;
  region: Region;
}

const suffix = Date.now().toString(36);
const besancon: Cpts = {
  tenantId: uuidv7(),
  slug: `besancon-${suffix}`,
  name: 'CPTS CaPaciTéS Besançon',
  region: 'bourgogne-franche-comte',
};
const dijon: Cpts = {
  tenantId: uuidv7(),
  slug: `dijon-${suffix}`,
  name: 'CPTS de Dijon',
  region: 'bourgogne-franche-comte',
};
const adour: Cpts = {
  tenantId: uuidv7(),
  slug: `adour-${suffix}`,
  name: 'CPTS de l’Adour',
  region: 'nouvelle-aquitaine',
};

const funderToken = (region: Region) =>
  mintToken({ secret: TEST_JWT_SECRET, subject: `ars-${region}`, roles: [Role.Funder], region });

/** Thirty answers: 15 nurses, 12 doctors, 3 midwives (a group under 5). */
function barometerAnswers(): {
  answers: Record<string, unknown>;
  profile: Record<string, unknown>;
  quoteConsent?: boolean;
}[] {
  const of = (n: number, profession: string, epuisement: number) =>
    Array.from({ length: n }, (_, i) => ({
      answers: {
        epuisement,
        isolement: i % 3 === 0 ? 4 : 2,
        detente: i % 2 === 0 ? 5 : 2,
        besoins: i === 0 ? `Des ateliers le soir (${profession})` : undefined,
      },
      profile: { profession, practiceMode: 'liberal' },
      quoteConsent: i === 0 && profession === 'infirmier',
    }));
  return [...of(15, 'infirmier', 4), ...of(12, 'medecin', 5), ...of(3, 'sage-femme', 2)];
}

describe('surveys on real PostgreSQL and Kafka', () => {
  let service: ReportingTestService;
  let producer: MessageProducer;
  let app: DataSource;

  const as = async (tenant: Cpts) => service.token(Role.Coordinator, tenant.tenantId);
  const call = async (method: string, path: string, token: string | undefined, body?: unknown) =>
    service.request(method, path, { token, body });

  async function publishedSurvey(tenant: Cpts, draft: Record<string, unknown>): Promise<string> {
    const token = await as(tenant);
    const created = await call('POST', '/v1/surveys', token, {
      opensOn: '2020-01-01',
      closesOn: '2099-12-31',
      ...draft,
    });
    expect(created.status).toBe(201);
    const published = await call('POST', `/v1/surveys/${created.body.surveyId}/publish`, token);
    expect(published.status).toBe(200);
    return created.body.surveyId;
  }

  async function answerAll(tenant: Cpts, surveyId: string, answers: unknown[]) {
    for (const answer of answers) {
      const response = await call(
        'POST',
        `/v1/public/tenants/${tenant.slug}/surveys/${surveyId}/responses`,
        undefined,
        answer,
      );
      expect(response.status).toBe(201);
    }
  }

  beforeAll(async () => {
    service = await startReportingService({ PUBLIC_RATE_LIMIT: '0' });
    producer = new MessageProducer(service.kafka.settings);
    app = await service.db.dataSource('app');
    await produce(
      producer,
      service.kafka.prefix,
      [besancon, dijon, adour].map((t) => ({
        topic: Topic.Catalog,
        key: t.tenantId,
        envelope: createEvent(
          TENANT_CREATED_V1,
          {
            ...TENANT_CREATED_V1.example!,
            tenantId: t.tenantId,
            slug: t.slug,
            name: t.name,
            region: t.region,
          },
          { tenantId: t.tenantId, subject: t.tenantId, source: 'catalog' },
        ),
      })),
    );
    await waitFor(
      () =>
        app.query(`SELECT count(*)::int AS n FROM tenant_directory WHERE tenant_id = ANY($1::uuid[])`, [
          [besancon.tenantId, dijon.tenantId, adour.tenantId],
        ]),
      (rows: { n: number }[]) => rows[0].n === 3,
      { timeoutMs: 60_000, what: 'the tenant directory to learn the three CPTS' },
    );
  });

  afterAll(async () => {
    await producer?.close();
    await service?.close();
  });

  it('builds a survey from the barometer, takes 30 anonymous answers, and protects a group of three', async () => {
    const surveyId = await publishedSurvey(besancon, { template: 'barometre-bien-etre' });
    const page = await call('GET', `/v1/public/tenants/${besancon.slug}/surveys/${surveyId}`, undefined);
    expect(page.body).toMatchObject({
      title: 'Baromètre du bien-être des soignants',
      open: true,
      tenant: { name: besancon.name },
    });
    expect(page.body.questions.map((q: { id: string }) => q.id)).toEqual(
      expect.arrayContaining(['epuisement', 'isolement', 'detente', 'sommeil']),
    );

    await answerAll(besancon, surveyId, barometerAnswers());
    const refused = await call(
      'POST',
      `/v1/public/tenants/${besancon.slug}/surveys/${surveyId}/responses`,
      undefined,
      { answers: { epuisement: 9 } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'q.epuisement',
      'q.isolement',
      'q.detente',
    ]);

    // Stored without identity or time: the day only, nothing else about the person.
    const owner = await service.db.dataSource('owner');
    const columns: { column_name: string }[] = await owner.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_response' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'tenant_id',
      'survey_id',
      'response_id',
      'submitted_on',
      'answers',
      'profile',
      'quote_consent',
    ]);

    const { body } = await call('GET', `/v1/surveys/${surveyId}/results`, await as(besancon));
    expect(body.results.respondents).toBe(30);
    const epuisement = body.results.questions.find((q: { id: string }) => q.id === 'epuisement');
    expect(epuisement.overall.agreeing).toEqual({ count: 27, share: 90 });
    const professions = epuisement.breakdowns.find(
      (b: { dimension: string }) => b.dimension === 'profession',
    ).groups;
    const midwives = professions.find((g: { value: string }) => g.value === 'sage-femme');
    expect(midwives.answered).toBe('<5');
    // The midwives' count cannot be worked out from the totals: in every line (a point of the
    // scale across professions, or respondents across professions) another cell is hidden too.
    const hidden = (v: unknown) => typeof v === 'string';
    expect(
      professions.filter((g: { answered: unknown }) => hidden(g.answered)).length,
    ).toBeGreaterThanOrEqual(2);
    epuisement.overall.options.forEach((option: { count: unknown }, k: number) => {
      const line = [
        option.count,
        ...professions.map((g: { options: { count: unknown }[] }) => g.options[k].count),
      ];
      expect(line.filter(hidden).length).not.toBe(1);
    });
    const besoins = body.results.questions.find((q: { id: string }) => q.id === 'besoins');
    expect(besoins.quotes).toEqual(['Des ateliers le soir (infirmier)']);

    const csv = await service.request('GET', `/v1/surveys/${surveyId}/results?format=csv`, {
      token: await as(besancon),
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('Profession : Sage-femme;Plutôt pas d’accord;<5');

    // Another CPTS's coordinator: 404, like a missing survey.
    expect((await call('GET', `/v1/surveys/${surveyId}/results`, await as(dijon))).status).toBe(404);
  });

  it('compares a programme’s before and after waves', async () => {
    const programmeId = uuidv7();
    const before = await publishedSurvey(besancon, {
      template: 'barometre-bien-etre',
      programmeId,
      wave: 'before',
    });
    const after = await publishedSurvey(besancon, {
      template: 'barometre-bien-etre',
      programmeId,
      wave: 'after',
    });
    const answer = (epuisement: number) => ({
      answers: { epuisement, isolement: 3, detente: 3 },
      profile: {},
    });
    await answerAll(
      besancon,
      before,
      Array.from({ length: 6 }, () => answer(5)),
    );
    await answerAll(
      besancon,
      after,
      Array.from({ length: 6 }, () => answer(3)),
    );

    const duplicate = await call('POST', '/v1/surveys', await as(besancon), {
      template: 'barometre-bien-etre',
      programmeId,
      wave: 'after',
      opensOn: '2020-01-01',
      closesOn: '2020-01-02',
    });
    expect(duplicate.status).toBe(409);

    const { body } = await call(
      'GET',
      `/v1/surveys/programmes/${programmeId}/comparison`,
      await as(besancon),
    );
    expect(body.before.respondents).toBe(6);
    expect(body.questions.find((q: { id: string }) => q.id === 'epuisement')).toMatchObject({
      before: { mean: 5, agreeingShare: 100 },
      after: { mean: 3, agreeingShare: 0 },
      meanChange: -2,
      agreeingChange: -100,
    });
  });

  it('shows a funder the CPTS of their region, side by side and combined, and none of another region', async () => {
    const dijonSurvey = await publishedSurvey(dijon, { template: 'barometre-bien-etre' });
    await answerAll(dijon, dijonSurvey, barometerAnswers().slice(0, 12));
    const adourSurvey = await publishedSurvey(adour, { template: 'barometre-bien-etre' });
    await answerAll(adour, adourSurvey, barometerAnswers().slice(0, 7));

    const bfc = await funderToken('bourgogne-franche-comte');
    const cpts = await call('GET', '/v1/funder/cpts', bfc);
    expect(cpts.body.map((c: { name: string }) => c.name).sort()).toEqual([besancon.name, dijon.name].sort());

    const { body } = await call('GET', '/v1/funder/survey-results?template=barometre-bien-etre', bfc);
    const side = body.results.dimensions.find((d: { key: string }) => d.key === 'cpts').groups;
    expect(side.map((g: { label: string }) => g.label).sort()).toEqual([besancon.name, dijon.name].sort());
    expect(body.results.respondents).toBe(30 + 6 + 6 + 12);

    const na = await funderToken('nouvelle-aquitaine');
    const other = await call('GET', '/v1/funder/survey-results?template=barometre-bien-etre', na);
    expect(
      other.body.results.dimensions
        .find((d: { key: string }) => d.key === 'cpts')
        .groups.map((g: { label: string }) => g.label),
    ).toEqual([adour.name]);

    // A funder reads nothing of a CPTS's own routes, and a coordinator nothing of the funder's.
    expect((await call('GET', `/v1/surveys/${dijonSurvey}/results`, bfc)).status).toBe(403);
    expect((await call('GET', '/v1/surveys', bfc)).status).toBe(403);
    expect((await call('GET', '/v1/reports/summary', bfc)).status).toBe(403);
    expect((await call('GET', '/v1/funder/cpts', await as(dijon))).status).toBe(403);
  });

  it('enforces the region in the database: a funder’s transaction sees its region, and with no region nothing', async () => {
    const count = (region: string | null) =>
      app.transaction(async (manager) => {
        if (region) await manager.query(`SELECT set_config('app.region', $1, true)`, [region]);
        const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM survey_response`);
        const [{ writable }] = await manager.query(
          `WITH u AS (UPDATE survey SET status = status RETURNING 1) SELECT count(*)::int AS writable FROM u`,
        );
        return { n, writable };
      });
    expect(await count(null)).toEqual({ n: 0, writable: 0 });
    expect(await count('nouvelle-aquitaine')).toEqual({ n: 7, writable: 0 });
    expect((await count('bourgogne-franche-comte')).n).toBe(30 + 6 + 6 + 12);
  });
});
