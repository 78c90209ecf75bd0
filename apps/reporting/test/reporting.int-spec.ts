import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Topic } from '@respire/contracts';
import { KafkaAdmin, MessageProducer } from '@respire/messaging';
import { ensureAppRole, Role, runInTenantTransaction } from '@respire/tenancy';
import { runScript, TEST_JWT_SECRET, testInfrastructure, waitFor } from '@respire/testing';
import {
  READ_MODEL_TABLES,
  ReadModelGeneration,
} from '../src/read-models/infrastructure/read-model-generation';
import {
  fillRollups,
  scanSessionCounts,
  SESSION_COUNTS_COLUMNS,
} from '../src/read-models/infrastructure/rollup-backfill';
import { ReportingRollups1764700000000 } from '../src/read-models/infrastructure/migrations/reporting-rollups.migration';
import { ReportingScopeRollups1764800000000 } from '../src/read-models/infrastructure/migrations/reporting-scope-rollups.migration';
import { ReportingPeriodDistinctCounts1764900000000 } from '../src/read-models/infrastructure/migrations/reporting-period-distinct-counts.migration';
import { expectScopeRollupsMatchScan } from './scope-rollups-scan';
import { rebuildReadModels } from '../src/read-models/rebuild/rebuild-read-models';
import { PEOPLE_METRICS, PeopleMetric } from '../src/reports/domain/report-figures';
import { ReportReader, ReportRepository } from '../src/reports/infrastructure/report.repository';
import { GroupDimension } from '../src/reports/domain/report-groups';
import { TESTIMONIALS_SHOWN } from '../src/reports/domain/testimonials';
import {
  expectShows,
  produce,
  ReportingTestService,
  stable,
  startReporting,
  waitForProjection,
} from './reporting-helpers';
import { otherTenantHistory, ScriptedHistory, scriptedHistory } from './scripted-history';

jest.setTimeout(120_000);

const tenantId = uuidv7();
const otherTenantId = uuidv7();

describe('reporting service on real Kafka and PostgreSQL', () => {
  let service: ReportingTestService;
  let producer: MessageProducer;
  let admin: KafkaAdmin;
  let owner: DataSource;
  let script: ScriptedHistory;
  let coordinator: string;
  /** Every report of the tenant, as first projected, for the idempotence and rebuild checks. */
  let baseline: Record<string, unknown>;

  const get = async (path: string, token = coordinator) => {
    const response = await service.request('GET', path, { token });
    if (response.status !== 200)
      throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const allReports = async () => {
    const p = script.programmeP;
    const paths = [
      '/v1/reports/summary',
      `/v1/reports/summary?programmeId=${p}`,
      `/v1/reports/sessions`,
      `/v1/reports/sessions/${script.history.sessionId('S1')}`,
      `/v1/reports/sessions/${script.history.sessionId('S4')}`,
      ...['activity', 'category', 'programme', 'venue', 'month'].map((d) => `/v1/reports/breakdown/${d}`),
      `/v1/reports/breakdown/month?programmeId=${p}&from=2026-02-01&to=2026-02-28`,
      '/v1/reports/participants',
      '/v1/reports/unmet-demand',
      '/v1/reports/satisfaction',
      '/v1/reports/deliveries',
    ];
    const reports: Record<string, unknown> = {};
    for (const path of paths) reports[path] = stable(await get(path));
    reports['export.csv'] = await service
      .request('GET', `/v1/reports/export.csv?programmeId=${p}`, { token: coordinator })
      .then((r) => r.body);
    return reports;
  };

  /** The per-session rollup as the projection maintained it equals the same counts scanned from the rows. */
  const expectRollupsMatchScan = async (generation: number) => {
    const g = new ReadModelGeneration(generation);
    const nonZero = SESSION_COUNTS_COLUMNS.slice(2)
      .map((c) => `${c} <> 0`)
      .join(' OR ');
    const columns = SESSION_COUNTS_COLUMNS.join(', ');
    const maintained = await owner.query(
      `SELECT ${columns} FROM ${g.t.session_counts} WHERE ${nonZero} ORDER BY 1, 2`,
    );
    const scanned = await owner.query(
      `SELECT ${columns} FROM (${scanSessionCounts(g)}) s WHERE ${nonZero} ORDER BY 1, 2`,
    );
    expect(maintained.length).toBeGreaterThan(6);
    expect(maintained).toEqual(scanned);
    await expectScopeRollupsMatchRows(g);
    await expectRollupReportsMatchRows(g);
  };

  /**
   * What reports of totals read from the rollups equals what they count from the rows, for scopes
   * of the whole history, a programme, whole and partial months, with every month over or some not.
   */
  const expectRollupReportsMatchRows = async (g: ReadModelGeneration) => {
    const app = await service.db.dataSource('app');
    const dimensions: GroupDimension[] = ['activity', 'category', 'programme', 'venue', 'month'];
    const parts = { participants: dimensions, profiles: true, ratings: true };
    const canonical = (value: unknown): unknown => {
      if (value instanceof Map) return canonical([...value.entries()]);
      if (Array.isArray(value))
        return value.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
      return value;
    };
    const p = script.programmeP;
    const scopes: [string | null, string | null, string | null][] = [
      [null, null, null],
      [null, null, p],
      ['2026-02-01', '2026-02-28', null],
      ['2026-01-15', '2026-03-10', null],
      ['2026-01-01', null, p],
      [null, '2026-02-28', null],
      // A calendar quarter and a year: unique participants and profiles read from the kept counts.
      ['2026-01-01', '2026-03-31', null],
      ['2026-04-01', '2026-06-30', null],
      ['2026-01-01', '2026-12-31', null],
    ];
    let compared = 0;
    for (const now of [new Date('2026-02-15T12:00:00Z'), new Date('2030-01-01T00:00:00Z')])
      for (const [from, to, programmeId] of scopes) {
        const scope = { tenantId, from, to, programmeId, now };
        const read = (fromRollups: boolean) =>
          runInTenantTransaction(
            app,
            tenantId,
            (m) => new ReportReader(m, tenantId, g, fromRollups).load(scope, parts),
            'REPEATABLE READ',
          );
        const [rolled, counted] = [await read(true), await read(false)];
        expect({ scope, figures: canonical(rolled) }).toEqual({ scope, figures: canonical(counted) });
        compared += counted.slices.length;
      }
    expect(compared).toBeGreaterThan(20);
  };

  /** The slices, participant slices and distinct counts the projection recounted equal a scan of the rows. */
  const expectScopeRollupsMatchRows = async (g: ReadModelGeneration) => {
    const compared = await expectScopeRollupsMatchScan(owner, g);
    expect(compared.sliceCounts).toBeGreaterThan(3);
    expect(compared.participantSlices).toBeGreaterThan(10);
    expect(compared.distinctCounts).toBeGreaterThan(10);
    expect(compared.participantTotals).toBeGreaterThan(10);
  };

  beforeAll(async () => {
    service = await startReporting({ REPORTING_GENERATION_POLL_MS: '200' });
    producer = new MessageProducer(service.kafka.settings);
    admin = new KafkaAdmin(service.kafka.settings);
    owner = await service.db.dataSource('owner');
    script = scriptedHistory(tenantId);
    coordinator = await service.token(Role.Coordinator, tenantId);
  });

  afterAll(async () => {
    await producer?.close();
    await admin?.close();
    await service?.close();
  });

  it('keeps registrations that arrive before their session as placeholders, left out of reports', async () => {
    // Worst case for ordering: the whole registration topic first (the erasure before the
    // registrations it erases), the catalog only afterwards.
    const registrationEvents = script.history.events.filter((e) => e.topic === Topic.Registration);
    const erasure = registrationEvents.filter((e) => e.envelope.type === 'registration.participant-erased');
    await produce(producer, service.kafka.prefix, [
      ...erasure,
      ...registrationEvents.filter((e) => !erasure.includes(e)),
    ]);
    await waitForProjection(admin, service.kafka.prefix, 1);

    const [{ placeholders, registrations }] = await owner.query(
      `SELECT (SELECT count(*)::int FROM rpt_g1_session WHERE status = 'placeholder') AS placeholders,
              (SELECT count(*)::int FROM rpt_g1_registration WHERE tenant_id = $1) AS registrations`,
      [tenantId],
    );
    expect({ placeholders, registrations }).toEqual({ placeholders: 6, registrations: 52 });
    const summary = await get('/v1/reports/summary');
    expect(summary.totals).toMatchObject({ sessions: 0, registrations: 0 });
  });

  it('projects the scripted history into exactly the expected figures for every session', async () => {
    await produce(
      producer,
      service.kafka.prefix,
      script.history.events.filter((e) => e.topic !== Topic.Registration),
    );
    await produce(producer, service.kafka.prefix, otherTenantHistory(otherTenantId).events);
    await waitForProjection(admin, service.kafka.prefix, 1);

    const input = await service.app
      .get(ReportRepository)
      .read(tenantId, (reader) =>
        reader.loadSessions({ tenantId, from: null, to: null, programmeId: null, now: new Date() }),
      );
    const byName = Object.fromEntries(
      Object.keys(script.expected).map((name) => [
        name,
        input.sessions.find((s) => s.sessionId === script.history.sessionId(name)),
      ]),
    );
    for (const [name, expected] of Object.entries(script.expected)) {
      const session = byName[name]!;
      expect({
        name,
        status: session.status,
        capacity: session.capacity,
        held: session.held,
        month: session.month,
        ...session.people,
      }).toEqual({
        name,
        ...expected,
      });
    }
    expect(input.sessions).toHaveLength(6);
    expect(byName.S1!.activityTitle).toBe('Pilates & respiration'); // the activity's current title
    expect(byName.S2!.localDate).toBe('2026-02-05'); // rescheduled from 30 January
    await expectRollupsMatchScan(1);
  });

  it('answers the funder report with the expected totals, breakdowns, satisfaction and unmet demand', async () => {
    const sum = (names: string[], metric: PeopleMetric) =>
      names.reduce((total, name) => total + ((script.expected[name][metric] as number | undefined) ?? 0), 0);
    const checkFigures = (figures: Record<string, unknown>, names: string[], where: string) => {
      for (const metric of PEOPLE_METRICS)
        expectShows(figures[metric], sum(names, metric), `${where}.${metric}`);
    };

    const whole = await get('/v1/reports/summary');
    expect(whole.tenant).toEqual({ name: 'CPTS CaPaciTéS Besançon & Métropole' });
    expect(whole.totals).toMatchObject({
      sessions: 6,
      sessionsHeld: 5,
      sessionsCancelled: 1,
      placesOffered: 42,
      registrations: 52,
      confirmed: 35,
      // 4 no-shows in all: with 35 confirmed and attendance closed, 31 attended would give them away.
      attended: '≥5',
      noShows: '<5',
      cancellations: 6,
      waitlisted: 14,
      unservedAtStart: 9,
      offersMade: 5,
      uniqueParticipants: 23,
      returningParticipants: 7,
      fillRate: 0.8333,
    });
    checkFigures(whole.totals, ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'], 'totals');

    const activities = Object.fromEntries(whole.activities.map((row: { label: string }) => [row.label, row]));
    expect(Object.keys(activities)).toEqual(['Groupe de parole', 'Pilates & respiration', 'Sophrologie']);
    checkFigures(activities['Pilates & respiration'].figures, ['S1', 'S2', 'S3'], 'pilates');
    checkFigures(activities['Groupe de parole'].figures, ['S4', 'S6'], 'parole');
    checkFigures(activities['Sophrologie'].figures, ['S5'], 'sophro');
    expect(activities['Pilates & respiration'].figures).toMatchObject({
      sessions: 3,
      sessionsCancelled: 1,
      placesOffered: 20,
      uniqueParticipants: 13,
    });
    expect(activities['Groupe de parole']).toMatchObject({
      confidential: true,
      figures: { sessions: 2, placesOffered: 16 },
    });
    expect(activities['Groupe de parole'].figures.uniqueParticipants).toBe(5);
    expect(activities['Groupe de parole'].figures.returningParticipants).toBe('<5');

    // Months leave the confidential activity out.
    expect(whole.months.rows.map((row: { label: string }) => row.label)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    checkFigures(whole.months.rows[0].figures, ['S1'], 'january');
    checkFigures(whole.months.rows[1].figures, ['S2', 'S3'], 'february');
    checkFigures(whole.months.total.figures, ['S1', 'S2', 'S3', 'S5'], 'months total');
    expect(
      whole.months.rows.map(
        (row: { figures: { uniqueParticipants: unknown } }) => row.figures.uniqueParticipants,
      ),
    ).toEqual([8, 9, 6]);

    // Profiles of the 18 people who attended non-confidential sessions; the 3 physiotherapists
    // are hidden, and so is one more cell, or 18 − 10 − 5 would give them away.
    expect(whole.participants.participants).toBe(18);
    expect(
      Object.fromEntries(
        whole.participants.byProfession.map((p: { value: string; participants: unknown }) => [
          p.value,
          p.participants,
        ]),
      ),
    ).toEqual({
      medecin: 5,
      infirmier: 10,
      kinesitherapeute: '<5',
      psychologue: '<5',
      'sage-femme': 0,
      pharmacien: 0,
      'chirurgien-dentiste': 0,
      orthophoniste: 0,
      dieteticien: 0,
      autre: 0,
    });
    expect(whole.participants.byPracticeMode).toEqual([
      { value: 'liberal', participants: 12 },
      { value: 'salarie', participants: 6 },
      { value: 'mixte', participants: 0 },
      { value: 'etudiant', participants: 0 },
    ]);
    expect(whole.participants.byDepartment).toEqual([
      { value: '25', participants: 13 },
      { value: '39', participants: 5 },
    ]);

    const satisfaction = Object.fromEntries(
      whole.satisfaction.activities.map((a: { activityTitle: string }) => [a.activityTitle, a]),
    );
    expect(satisfaction['Groupe de parole']).toMatchObject({
      responses: '<5',
      distribution: { '4': '<5', '5': '<5' },
      mean: null,
    });
    // The ratings columns add up to visible totals (6 fours, 12 fives): another activity's cells
    // hide with the Groupe de parole's, and that activity's mean with them.
    const pilatesRatings = satisfaction['Pilates & respiration'];
    const sophroRatings = satisfaction['Sophrologie'];
    expectShows(pilatesRatings.responses, 11, 'Pilates responses');
    expectShows(pilatesRatings.distribution['4'], 5, 'Pilates 4s');
    expectShows(pilatesRatings.distribution['5'], 6, 'Pilates 5s');
    expectShows(sophroRatings.distribution['5'], 5, 'Sophrologie 5s');
    expect(
      [pilatesRatings.mean, sophroRatings.mean].filter((mean) => mean === null).length,
    ).toBeGreaterThanOrEqual(1);
    if (pilatesRatings.mean !== null) expect(pilatesRatings.mean).toBe(4.55);
    if (sophroRatings.mean !== null) expect(sophroRatings.mean).toBe(5);
    expect(whole.satisfaction.total).toEqual({
      responses: 18,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 6, '5': 12 },
      mean: 4.67,
    });
    expect(whole.satisfaction.testimonials).toEqual([
      {
        quote: 'On repart moins stressé en ayant découvert une nouvelle activité.',
        activityId: script.activities.pilates,
        activityTitle: 'Pilates & respiration',
        month: '2026-01',
      },
      {
        quote: 'Parler entre soignants fait du bien.',
        activityId: script.activities.parole,
        activityTitle: 'Groupe de parole',
        month: null,
      },
    ]);

    expect(whole.unmetDemand.rows).toEqual([
      expect.objectContaining({
        activityTitle: 'Pilates & respiration',
        month: '2026-01',
        sessionsHeld: 1,
        unservedAtStart: '<5',
        extraSessionsNeeded: null,
      }),
      expect.objectContaining({
        activityTitle: 'Pilates & respiration',
        month: '2026-02',
        sessionsHeld: 1,
        averageCapacity: 10,
      }),
      expect.objectContaining({
        activityTitle: 'Sophrologie',
        month: '2026-03',
        sessionsHeld: 1,
        unservedAtStart: '<5',
        extraSessionsNeeded: null,
      }),
    ]);
    expectShows(whole.unmetDemand.rows[1].unservedAtStart, 6, 'unmet demand in February');
    // Sophrologie's single unserved person is hidden, and with it (through its category and the
    // programmes) the other activities' counts; the total still shows, and the need is pooled.
    const demand = Object.fromEntries(
      whole.unmetDemand.activities.map((row: { activityTitle: string }) => [row.activityTitle, row]),
    );
    expect(demand['Groupe de parole']).toMatchObject({
      confidential: true,
      month: null,
      sessionsHeld: 2,
      averageCapacity: 8,
    });
    expect(demand['Pilates & respiration']).toMatchObject({
      month: null,
      sessionsHeld: 2,
      averageCapacity: 10,
    });
    expect(demand['Sophrologie']).toMatchObject({
      sessionsHeld: 1,
      unservedAtStart: '<5',
      extraSessionsNeeded: null,
    });
    expectShows(demand['Groupe de parole'].unservedAtStart, 0, 'unmet demand, Groupe de parole');
    expectShows(demand['Pilates & respiration'].unservedAtStart, 8, 'unmet demand, Pilates');
    // 9 people over sessions of 42 ÷ 5 = 8.4 places on average: 2 more sessions.
    expect(whole.unmetDemand.total).toMatchObject({
      unservedAtStart: 9,
      extraSessionsNeeded: 2,
      method: 'pooled',
    });
    expect(whole.unmetDemand.total.activitiesHidden).toBe(
      whole.unmetDemand.activities.filter(
        (row: { extraSessionsNeeded: number | null }) => row.extraSessionsNeeded === null,
      ).length,
    );

    // The funder report of one programme: its own period by default, the other programme's activity left out.
    const funder = await get(`/v1/reports/summary?programmeId=${script.programmeP}`);
    expect(funder.scope).toMatchObject({
      from: '2026-01-01',
      to: '2026-06-30',
      programmeId: script.programmeP,
    });
    expect(funder.programme).toMatchObject({
      title: "L'instant des soignants",
      funder: 'ARS Bourgogne-Franche-Comté',
    });
    expect(funder.totals).toMatchObject({
      sessions: 5,
      sessionsHeld: 4,
      registrations: 45,
      confirmed: 29,
      placesOffered: 36,
      noShows: '<5',
    });
    checkFigures(funder.totals, ['S1', 'S2', 'S3', 'S4', 'S6'], 'programme P');
    expect(funder.activities.map((row: { label: string }) => row.label)).toEqual([
      'Groupe de parole',
      'Pilates & respiration',
    ]);
  });

  it('reports a session to its coordinator exactly (operational), keeps the session list protected, and withholds a confidential one', async () => {
    const s1 = await get(`/v1/reports/sessions/${script.history.sessionId('S1')}`);
    expect(s1).toMatchObject({
      activityTitle: 'Pilates & respiration',
      localDate: '2026-01-22',
      status: 'completed',
      capacity: 10,
      confidential: false,
      protection: null,
    });
    for (const metric of PEOPLE_METRICS)
      expect({ metric, shown: s1.figures[metric] }).toEqual({ metric, shown: script.expected.S1[metric] });
    // The 2 no-shows and the 8 who attended, as the coordinator counted them; rates from them.
    expect(s1.figures).toMatchObject({
      registrations: 17,
      confirmed: 10,
      attended: 8,
      noShows: 2,
      waitlisted: 7,
      offersMade: 5,
      waitlistPeak: 7,
    });
    expect(s1.figures.attendanceRate).toBe(0.8);

    // The month's session list is a table that can leave the CPTS (CSV): still protected.
    const list = await get('/v1/reports/sessions?from=2026-01-01&to=2026-01-31');
    expect(list.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([
      script.history.sessionId('S1'),
    ]);
    for (const metric of PEOPLE_METRICS)
      expectShows(list.sessions[0].figures[metric], script.expected.S1[metric] as number, `S1.${metric}`);
    // 2 no-shows: the 8 who attended hide with them (10 confirmed − 8 would give them away).
    expect(list.sessions[0].figures).toMatchObject({
      registrations: 17,
      confirmed: 10,
      attended: '≥5',
      noShows: '<5',
      attendanceRate: null,
    });
    expect(list.protection).toMatchObject({ threshold: 5 });
    expect(list.confidentialSessionsNotListed).toBe(1);

    // In February, S2 is the only open session held; its own report is exact all the same.
    const s2 = await get(`/v1/reports/sessions/${script.history.sessionId('S2')}`);
    for (const metric of PEOPLE_METRICS)
      expect({ metric, shown: s2.figures[metric] }).toEqual({ metric, shown: script.expected.S2[metric] });
    expect(s2.figures.waitlistPeak).toBe(6);
    const february = await get('/v1/reports/sessions?from=2026-02-01&to=2026-02-28');
    const februaryRow = (name: string) =>
      february.sessions.find((s: { sessionId: string }) => s.sessionId === script.history.sessionId(name));
    expect(februaryRow('S3').figures.registrations).toBe('<5');
    // The list takes the month's figures as the totals reports publish them: 19 in February − 16
    // would give S3's 3 away, so S2's 16 is shown only if February's 19 is hidden there.
    const byMonth = await get('/v1/reports/breakdown/month?from=2026-02-01&to=2026-02-28');
    const shown = [februaryRow('S2').figures.registrations, byMonth.rows[0].figures.registrations];
    expect(shown.filter((value) => typeof value === 'number').length).toBeLessThanOrEqual(1);

    const outside = await service.request(
      'GET',
      `/v1/reports/sessions/${script.history.sessionId('S1')}?from=2026-02-01`,
      {
        token: coordinator,
      },
    );
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ error: 'session_out_of_scope' });

    const s4 = await get(`/v1/reports/sessions/${script.history.sessionId('S4')}`);
    expect(s4).toMatchObject({
      activityTitle: 'Groupe de parole',
      confidential: true,
      figures: null,
      capacity: 8,
    });
  });

  it('exports the funder report as CSV for a French spreadsheet', async () => {
    const response = await service.request('GET', `/v1/reports/export.csv?programmeId=${script.programmeP}`, {
      token: coordinator,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="respire-rapport-financeur-2026-01-01_2026-06-30.csv"',
    );
    const raw = new Uint8Array(
      await (
        await fetch(`${service.baseUrl}/v1/reports/export.csv?programmeId=${script.programmeP}`, {
          headers: { authorization: `Bearer ${coordinator}` },
        })
      ).arrayBuffer(),
    );
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark (fetch's text() drops it)
    const csv = response.body as string;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Section;Groupe;Indicateur;Valeur');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Périmètre;Programme;Financeur;ARS Bourgogne-Franche-Comté',
        'Totaux;Toutes activités;Inscriptions;45',
        'Totaux;Toutes activités;Places offertes;36',
        'Participants (hors activités confidentielles);Profession;Masseur-kinésithérapeute;<5',
        // Within this programme the Pilates ratings protect the Groupe de parole's: only the total mean shows.
        'Satisfaction;Pilates & respiration;Note moyenne;',
        'Satisfaction;Total;Note moyenne;4,54',
        'Demande non satisfaite;Pilates & respiration — toute la période;Séances supplémentaires nécessaires;1',
        'Témoignages;Groupe de parole;;Parler entre soignants fait du bien.',
      ]),
    );
    expect(csv).not.toContain('Un vrai moment pour soi'); // no consent to quote

    const breakdown = await service.request('GET', '/v1/reports/breakdown/activity?format=csv', {
      token: coordinator,
    });
    const [header, ...rows] = (breakdown.body as string).trim().split('\r\n');
    expect(header.split(';').slice(0, 4)).toEqual([
      'Activité',
      'Confidentielle',
      'Séances',
      'Séances tenues',
    ]);
    expect(rows.map((row) => row.split(';')[0])).toEqual([
      'Groupe de parole',
      'Pilates & respiration',
      'Sophrologie',
      'Total',
    ]);
  });

  it('counts notification outcomes per template', async () => {
    const deliveries = await get('/v1/reports/deliveries');
    expect(deliveries.rows).toEqual([
      { template: 'registration-confirmed', channel: 'email', sent: 2, retrying: 0, failed: 0 },
      { template: 'registration-waitlisted', channel: 'email', sent: 0, retrying: 0, failed: 1 },
    ]);
  });

  it('shows a tenant nothing of another tenant, and answers 404 for its sessions', async () => {
    const whole = await get('/v1/reports/summary');
    expect(
      whole.participants.byProfession.find((p: { value: string }) => p.value === 'pharmacien').participants,
    ).toBe(0);
    const otherCoordinator = await service.token(Role.Coordinator, otherTenantId);
    const theirs = await get('/v1/reports/summary', otherCoordinator);
    expect(theirs.totals).toMatchObject({ sessions: 1, registrations: 12, attended: 12 });
    const response = await service.request('GET', `/v1/reports/sessions/${script.history.sessionId('S1')}`, {
      token: otherCoordinator,
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'session_not_found', message: 'Séance introuvable.' });
  });

  it('quotes the most recent testimonials, oldest first, and says how many older ones it leaves out', async () => {
    const otherCoordinator = await service.token(Role.Coordinator, otherTenantId);
    const newest = Array.from(
      { length: TESTIMONIALS_SHOWN },
      (_, i) => `Témoignage ${26 - TESTIMONIALS_SHOWN + i}`,
    );
    const satisfaction = await get('/v1/reports/satisfaction', otherCoordinator);
    expect(satisfaction.testimonials.map((t: { quote: string }) => t.quote)).toEqual(newest);
    expect(satisfaction.testimonials[0]).toMatchObject({ activityTitle: 'Cardio boxing', month: '2026-01' });
    expect(satisfaction.testimonialsNotShown).toBe(25 - TESTIMONIALS_SHOWN);
    const summary = await get('/v1/reports/summary', otherCoordinator);
    expect(summary.satisfaction.testimonials).toEqual(satisfaction.testimonials);
    expect(summary.satisfaction.testimonialsNotShown).toBe(25 - TESTIMONIALS_SHOWN);
    // A scope without its session: no quote. Fewer quotes than a report shows: all (the first tenant's two).
    const later = await get('/v1/reports/satisfaction?from=2026-01-16&to=2026-01-31', otherCoordinator);
    expect(later).toMatchObject({ testimonials: [], testimonialsNotShown: 0 });
    const firstTenant = await get('/v1/reports/satisfaction');
    expect(firstTenant.testimonials).toHaveLength(2);
    expect(firstTenant.testimonialsNotShown).toBe(0);
  });

  it('refuses bad input with the fields named, and callers without the coordinator role', async () => {
    const bad = await service.request(
      'GET',
      '/v1/reports/summary?from=2026-03-01&to=2026-02-01&programmeId=nope',
      { token: coordinator },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['programmeId', 'to']);
    const dimension = await service.request('GET', '/v1/reports/breakdown/facilitator', {
      token: coordinator,
    });
    expect(dimension.status).toBe(400);
    expect(dimension.body.fields[0].path).toBe('dimension');
    expect((await service.request('GET', '/v1/reports/summary')).status).toBe(401);
    const facilitator = await service.token(Role.Facilitator, tenantId, uuidv7());
    expect((await service.request('GET', '/v1/reports/summary', { token: facilitator })).status).toBe(403);
    expect(
      (await service.request('GET', `/v1/reports/summary?programmeId=${uuidv7()}`, { token: coordinator }))
        .status,
    ).toBe(404);
    expect(
      (await service.request('GET', `/v1/reports/sessions/${uuidv7()}`, { token: coordinator })).status,
    ).toBe(404);
  });

  it('gives identical reports when every event is delivered a second time', async () => {
    baseline = await allReports();
    await produce(producer, service.kafka.prefix, script.history.events);
    await waitForProjection(admin, service.kafka.prefix, 1);
    expect(await allReports()).toEqual(baseline);
    await expectRollupsMatchScan(1);
  });

  it('answers every report from the rollups as from rollups the migration fills by a scan of the rows', async () => {
    // A generation from before the rollups: the migration adds them and fills them from its rows.
    await owner.query(`DROP TABLE ${new ReadModelGeneration(1).t.session_counts}`);
    const runner = owner.createQueryRunner();
    try {
      await runner.startTransaction();
      await new ReportingRollups1764700000000().up(runner);
      await runner.commitTransaction();
      // Likewise the scope rollups.
      await runner.startTransaction();
      await new ReportingScopeRollups1764800000000().down(runner);
      await new ReportingScopeRollups1764800000000().up(runner);
      await runner.commitTransaction();
      // And the periods of the distinct counts, in scope rollups kept for the whole history only.
      await runner.startTransaction();
      await new ReportingPeriodDistinctCounts1764900000000().down(runner);
      await new ReportingPeriodDistinctCounts1764900000000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    // As a deployment does after its migrations: the service's role gets the new table.
    await ensureAppRole(service.db.ownerUrl, decodeURIComponent(new URL(service.db.appUrl).username));
    expect(await allReports()).toEqual(baseline);
    await expectRollupsMatchScan(1);
    // Filled again (the scan alone), the same.
    await owner.transaction((manager) => fillRollups(manager, new ReadModelGeneration(1)));
    expect(await allReports()).toEqual(baseline);
  });

  it('rebuilds the read models by replaying the topics into a new generation, answering all along, then switches over', async () => {
    const summaryPath = `/v1/reports/summary?programmeId=${script.programmeP}`;
    const answered = stable(await get(summaryPath));
    const during: unknown[] = [];
    let rebuilding = true;
    const poll = (async () => {
      while (rebuilding) {
        during.push(stable(await get(summaryPath)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const { exit: code, output } = await runScript('apps/reporting/src/main.ts', [], {
      env: {
        ...process.env,
        ROLE: 'rebuild',
        NODE_ENV: 'test',
        DATABASE_URL: service.db.appUrl,
        DATABASE_MIGRATION_URL: service.db.ownerUrl,
        KAFKA_BROKERS: testInfrastructure.kafkaBrokers.join(','),
        KAFKA_PREFIX: service.kafka.prefix,
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'warn',
      },
    });
    rebuilding = false;
    await poll;

    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    expect(output).toContain('"msg":"read models rebuilt"');
    expect(during.length).toBeGreaterThan(0);
    for (const answer of during) expect(answer).toEqual(answered);

    const status = await get('/v1/reports/read-models');
    expect(status.activeGeneration).toBe(2);
    expect(
      status.generations.map((g: { generation: number; status: string }) => [g.generation, g.status]),
    ).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    expect((await get(summaryPath)).scope.readModelGeneration).toBe(2);
    expect(await allReports()).toEqual(baseline);
    await expectRollupsMatchScan(2);

    // The service's consumer follows the new generation: a new event lands in it.
    const before = script.history.events.length;
    script.history.feedback('S5', 5, '2026-03-12T09:00:00.000Z');
    await produce(producer, service.kafka.prefix, script.history.events.slice(before));
    await waitForProjection(admin, service.kafka.prefix, 2);
    const satisfaction = await get('/v1/reports/satisfaction');
    expect(satisfaction.total.responses).toBe(19);
    const [{ count }] = await owner.query(
      `SELECT count(*)::int AS count FROM rpt_g1_feedback WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(count).toBe(18); // the retired generation no longer moves
  }, 300_000); // a process booted from source: CPU-budgeted (runScript), slow on a loaded machine

  it('unlinks an erased participant from everything it holds without changing any count', async () => {
    const p05 = script.history.people.get('p05')!.id; // attended three sessions
    const before = stable(await get('/v1/reports/summary'));
    const held = async () =>
      owner.query(
        `SELECT (SELECT count(*)::int FROM rpt_g2_registration WHERE participant_id = $1) AS registrations,
                (SELECT count(*)::int FROM rpt_g2_participant WHERE participant_id = $1) AS participants,
                (SELECT count(*)::int FROM rpt_g2_participant_slices WHERE participant_id = $1)
                  + (SELECT count(*)::int FROM rpt_g2_participant_totals WHERE participant_id = $1 AND period = '') AS rollups,
                (SELECT count(*)::int FROM rpt_g2_participant_totals WHERE participant_id = $1 AND period <> '') > 0 AS periods`,
        [p05],
      );
    // 3 slices (S1, S2, S5), 1 total over the whole history, and totals per year and quarter.
    expect(await held()).toEqual([{ registrations: 3, participants: 1, rollups: 4, periods: true }]);

    const from = script.history.events.length;
    script.history.erase('p05', '2026-11-01T09:00:00.000Z');
    await produce(producer, service.kafka.prefix, script.history.events.slice(from));
    await waitForProjection(admin, service.kafka.prefix, 2);

    expect(await held()).toEqual([{ registrations: 0, participants: 0, rollups: 0, periods: false }]);
    expect(stable(await get('/v1/reports/summary'))).toEqual(before);
    // p07, erased in the script before its registrations were even projected, was never linked.
    const [{ linked }] = await owner.query(
      `SELECT count(*)::int AS linked FROM rpt_g2_registration WHERE participant_id = $1`,
      [script.history.people.get('p07')!.id],
    );
    expect(linked).toBe(0);
  });

  it('moves a registration confirmed then cancelled from one count to the other, in the rollups as in a scan', async () => {
    const totals = async () => (await get('/v1/reports/sessions/' + script.history.sessionId('S5'))).figures;
    const before = await totals();
    script.history.person('late', 'medecin', 'liberal', '25');
    let from = script.history.events.length;
    script.history.confirm('S5', 'late', '2026-03-01T09:00:00.000Z');
    await produce(producer, service.kafka.prefix, script.history.events.slice(from));
    await waitForProjection(admin, service.kafka.prefix, 2);
    const confirmed = await totals();
    expect([confirmed.registrations - before.registrations, confirmed.confirmed - before.confirmed]).toEqual([
      1, 1,
    ]);
    await expectRollupsMatchScan(2);

    from = script.history.events.length;
    script.history.cancel('S5', 'late', '2026-03-02T09:00:00.000Z', 'participant');
    // Delivered twice: the second copy changes nothing.
    await produce(producer, service.kafka.prefix, [
      ...script.history.events.slice(from),
      ...script.history.events.slice(from),
    ]);
    await waitForProjection(admin, service.kafka.prefix, 2);
    const cancelled = await totals();
    expect({
      registrations: cancelled.registrations - before.registrations,
      confirmed: cancelled.confirmed - before.confirmed,
      cancellations: cancelled.cancellations - before.cancellations,
      cancelledByParticipant: cancelled.cancelledByParticipant - before.cancelledByParticipant,
    }).toEqual({ registrations: 1, confirmed: 0, cancellations: 1, cancelledByParticipant: 1 });
    await expectRollupsMatchScan(2);
  });

  it('takes an attendance corrected to a no-show and a session moved to another month out of the rollups', async () => {
    const s5 = async () => (await get('/v1/reports/sessions/' + script.history.sessionId('S5'))).figures;
    const before = await s5();
    const from = script.history.events.length;
    script.history.noShow('S5', 'p40', '2026-03-10T19:00:00.000Z');
    script.history.reschedule(
      'S2',
      '2026-04-16T17:30:00.000Z',
      '2026-04-16T18:30:00.000Z',
      '2026-02-01T09:00:00.000Z',
    );
    // Delivered twice: the second copy changes nothing.
    await produce(producer, service.kafka.prefix, [
      ...script.history.events.slice(from),
      ...script.history.events.slice(from),
    ]);
    await waitForProjection(admin, service.kafka.prefix, 2);
    const after = await s5();
    expect([after.attended - before.attended, after.noShows - before.noShows]).toEqual([-1, 1]);
    const months: { key: string }[] = await owner.query(
      `SELECT key FROM rpt_g2_distinct_counts
        WHERE tenant_id = $1 AND period = '' AND dimension = 'month' AND participants > 0 ORDER BY key`,
      [tenantId],
    );
    expect(months.map((m) => m.key)).toContain('2026-04');
    await expectRollupsMatchScan(2);
  });

  it('documents every report route in OpenAPI', async () => {
    const document = (await service.request('GET', '/docs-json')).body;
    expect(
      Object.keys(document.paths)
        .filter((path: string) => path.startsWith('/v1/reports'))
        .sort(),
    ).toEqual([
      '/v1/reports/breakdown/{dimension}',
      '/v1/reports/deliveries',
      '/v1/reports/export.csv',
      '/v1/reports/participants',
      '/v1/reports/read-models',
      '/v1/reports/satisfaction',
      '/v1/reports/sessions',
      '/v1/reports/sessions/{id}',
      '/v1/reports/summary',
      '/v1/reports/unmet-demand',
    ]);
    const summary = document.paths['/v1/reports/summary'].get;
    expect(summary.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'from',
      'programmeId',
      'to',
    ]);
    expect(JSON.stringify(summary.responses['200'])).toContain('FunderSummaryDto');
  });

  it('drops generations retired long enough ago, with their consumer group’s inbox, on the next rebuild', async () => {
    const summaryBefore = stable(await get('/v1/reports/summary'));
    const result = await rebuildReadModels({
      ownerUrl: service.db.ownerUrl,
      appUrl: service.db.appUrl,
      brokers: testInfrastructure.kafkaBrokers,
      prefix: service.kafka.prefix,
      keepRetired: 1,
      dropAfterMs: 0,
    });
    expect(result).toMatchObject({ generation: 3, previous: 2, dropped: [1] });
    expect(result.eventsProjected).toBeGreaterThan(script.history.events.length);

    const status = await get('/v1/reports/read-models');
    expect(
      status.generations.map((g: { generation: number; status: string }) => [g.generation, g.status]),
    ).toEqual([
      [2, 'retired'],
      [3, 'active'],
    ]);
    const [{ tables, kept, inbox }] = await owner.query(
      `SELECT (SELECT count(*)::int FROM pg_tables WHERE tablename LIKE 'rpt\\_g1\\_%') AS tables,
              (SELECT count(*)::int FROM pg_tables WHERE tablename LIKE 'rpt\\_g2\\_%') AS kept,
              (SELECT count(*)::int FROM inbox WHERE consumer_group = $1) AS inbox`,
      [`${service.kafka.prefix}reporting.g1`],
    );
    expect({ tables, kept, inbox }).toEqual({ tables: 0, kept: READ_MODEL_TABLES.length, inbox: 0 });
    expect(stable(await get('/v1/reports/summary'))).toEqual(summaryBefore);
  });

  it('exposes the live generation and the projection lag as metrics', async () => {
    // The service switches to the rebuilt generation on its own schedule: wait for the gauges to
    // show it, rather than reading them once right after the rebuild.
    const live = /respire_reporting_live_generation\{service="reporting"\} 3\n/;
    const caughtUp = /respire_reporting_projection_lag\{service="reporting"\} 0\n/;
    await waitFor(
      async () => (await service.request('GET', '/metrics')).body as string,
      (metrics) => live.test(metrics) && caughtUp.test(metrics),
      { what: 'the live generation 3 with no projection lag in /metrics' },
    );
  });
  it('refuses to rebuild once retention removed the beginning of a topic, and keeps the live generation', async () => {
    const summaryBefore = stable(await get('/v1/reports/summary'));
    const topic = service.kafka.prefix + Topic.Registration;
    // Keys decide the partitions: take one that holds events.
    const [key] = [...(await admin.offsetRanges([topic]))].find(([, range]) => range.end > 0n)!;
    const partition = Number(key.slice(key.lastIndexOf(':') + 1));
    await admin.deleteRecordsBefore(topic, partition, 1n); // what a 7-day retention does to an old partition
    await expect(
      rebuildReadModels({
        ownerUrl: service.db.ownerUrl,
        appUrl: service.db.appUrl,
        brokers: service.kafka.settings.brokers,
        prefix: service.kafka.prefix,
      }),
    ).rejects.toThrow(
      `Rebuild refused: the topics no longer hold the whole history (${topic}[${partition}] starts at offset 1)`,
    );
    const status = await get('/v1/reports/read-models');
    expect(status.generations.filter((g: { status: string }) => g.status === 'active')).toEqual([
      expect.objectContaining({ generation: 3 }),
    ]);
    expect(stable(await get('/v1/reports/summary'))).toEqual(summaryBefore);
  });
});
