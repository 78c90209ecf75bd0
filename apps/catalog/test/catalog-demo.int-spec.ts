import { DateTime } from 'luxon';
import { TEST_JWT_SECRET, waitFor } from '@respire/testing';
import { seedDemo } from '../../../scripts/seed-demo';
import { Role } from '@respire/tenancy';
import { CatalogService, daysFromNow, expectStatus, startCatalog } from './catalog-harness';

/**
 * The programme as CPTS CaPaciTéS printed it (shared/seeds/000_ae336580b2f8d0ed.txt), copied
 * here independently of the seed so that the test checks the seed against the source.
 */
const ARTICLE = `
Lieu : Association Le Don du Souffle • Horaires : 18h30 – 19h30
- Cardio boxing : 22/01, 19/02, 19/03, 30/04, 28/05, 25/06
- Pilates & respiration : 29/01, 26/02, 26/03, 07/05, 04/06
- Danse fitness : 05/02, 05/03, 02/04, 14/05, 11/06
- Stretching : 12/02, 12/03, 23/04, 21/05, 18/06
Lieu : CaPaciTéS Besançon • Horaires : 19h30 – 21h
- Analyse de la Pratique Professionnelle : 03/02, 03/03, 06/04, 05/05, 02/06, 07/07, 01/09, 06/10
Lieu : Association Le Don du Souffle • Horaires : 18h – 19h
- Gestion des Émotions : 19/01, 17/02, 17/03, 28/04, 26/05, 16/06
`;

interface Expected {
  title: string;
  venue: string;
  localDate: string;
  localStartTime: string;
  localEndTime: string;
}

function programmeOfArticle(text: string, year: number): Expected[] {
  const hour = (h: string) => {
    const [hh, mm] = h.split('h');
    return `${hh.padStart(2, '0')}:${(mm || '00').padStart(2, '0')}`;
  };
  const out: Expected[] = [];
  let venue = '';
  let start = '';
  let end = '';
  for (const line of text.trim().split('\n')) {
    const place = /^Lieu : (.+) • Horaires : (\S+) – (\S+)$/.exec(line);
    if (place) {
      [venue, start, end] = [place[1], hour(place[2]), hour(place[3])];
      continue;
    }
    const [, title, dates] = /^- (.+) : (.+)$/.exec(line)!;
    for (const date of dates.split(', ')) {
      const [dd, mm] = date.split('/');
      out.push({ title, venue, localDate: `${year}-${mm}-${dd}`, localStartTime: start, localEndTime: end });
    }
  }
  return out;
}

const key = (s: Expected) => `${s.localDate} ${s.localStartTime}-${s.localEndTime} ${s.title} @ ${s.venue}`;

describe('demo data served by the public programme (real PostgreSQL and Kafka)', () => {
  let catalog: CatalogService;

  beforeAll(async () => {
    // The completion sweep runs on its timer here, alongside the seed's own completions.
    catalog = await startCatalog({
      PUBLIC_RATE_LIMIT: '30',
      TRUST_PROXY: 'true',
      CATALOG_COMPLETION_INTERVAL_MS: '300',
    });
  });

  afterAll(async () => {
    await catalog?.close();
  });

  const publicProgramme = async (slug: string, query = '') =>
    expectStatus(catalog.request('GET', `/v1/public/tenants/${slug}/sessions${query}`), 200);

  it("serves Besançon's 2026 programme with the article's dates, times and venues, and a 2027 edition on the same weekdays; a second seed creates nothing", async () => {
    const first = await seedDemo({ catalogUrl: catalog.baseUrl, jwtSecret: TEST_JWT_SECRET });
    expect(first.created).toMatchObject({ tenants: 3, sessions: 35 + 35 + 11 + 9 });
    const second = await seedDemo({ catalogUrl: catalog.baseUrl, jwtSecret: TEST_JWT_SECRET });
    expect(second.created).toEqual({
      tenants: 0,
      venues: 0,
      facilitators: 0,
      programmes: 0,
      activities: 0,
      sessions: 0,
    });

    const expected2026 = programmeOfArticle(ARTICLE, 2026);
    expect(expected2026).toHaveLength(35);
    const served2026: (Expected & { status: string; endsAt: string; startsAt: string })[] = (
      await publicProgramme('capacites-besancon', '?from=2026-01-01&to=2026-12-31')
    ).map((s: { activity: { title: string }; venue: { name: string } } & Expected) => ({
      ...s,
      title: s.activity.title,
      venue: s.venue.name,
    }));
    expect(served2026.map(key).sort()).toEqual(expected2026.map(key).sort());
    const now = Date.now();
    for (const session of served2026) {
      expect(session.status).toBe(new Date(session.endsAt).getTime() <= now ? 'completed' : 'published');
      // The instants are the local times read in Paris (UTC+1 in winter, UTC+2 in summer).
      const local = DateTime.fromISO(session.startsAt, { zone: 'Europe/Paris' });
      expect(`${local.toISODate()} ${local.toFormat('HH:mm')}`).toBe(
        `${session.localDate} ${session.localStartTime}`,
      );
    }
    expect(served2026.find((s) => s.localDate === '2026-03-19')!.startsAt).toBe('2026-03-19T17:30:00.000Z');
    expect(served2026.find((s) => s.localDate === '2026-04-30')!.startsAt).toBe('2026-04-30T16:30:00.000Z');

    const served2027 = await publicProgramme('capacites-besancon', '?from=2027-01-01&to=2027-12-31');
    expect(served2027).toHaveLength(35);
    const byTitle = (
      list: { activity?: { title: string }; title?: string; localDate: string; localStartTime: string }[],
      title: string,
    ) => list.filter((s) => (s.activity?.title ?? s.title) === title);
    for (const title of new Set(expected2026.map((s) => s.title))) {
      const before = byTitle(expected2026, title);
      const after = byTitle(served2027, title);
      expect(after.map((s) => DateTime.fromISO(s.localDate).weekday)).toEqual(
        before.map((s) => DateTime.fromISO(s.localDate).weekday),
      );
      expect(after.map((s) => s.localDate.slice(5, 7))).toEqual(before.map((s) => s.localDate.slice(5, 7)));
      expect(new Set(after.map((s) => s.localStartTime))).toEqual(
        new Set(before.map((s) => s.localStartTime)),
      );
    }
    expect(
      served2027.every(
        (s: { status: string; placesLeft: number; capacity: number }) =>
          s.status === 'published' && s.placesLeft === s.capacity,
      ),
    ).toBe(true);

    // Upcoming by default: nothing already held, the 2027 edition included.
    const upcoming = await publicProgramme('capacites-besancon');
    expect(
      upcoming.every(
        (s: { startsAt: string; status: string }) =>
          new Date(s.startsAt).getTime() >= now && s.status === 'published',
      ),
    ).toBe(true);
    expect(upcoming.length).toBeGreaterThanOrEqual(
      served2027.filter((s: { startsAt: string }) => new Date(s.startsAt).getTime() >= now).length,
    );
    const emotions = await publicProgramme(
      'capacites-besancon',
      `?from=2027-01-01&to=2027-12-31&category=${encodeURIComponent('Gestion des Émotions')}`,
    );
    expect(emotions.map((s: { localDate: string }) => s.localDate)).toEqual([
      '2027-01-18',
      '2027-02-16',
      '2027-03-16',
      '2027-04-27',
      '2027-05-25',
      '2027-06-15',
    ]);

    for (const slug of ['cpts-adour', 'cpts-chateauroux']) {
      const sessions = await publicProgramme(slug, '?from=2027-01-01&to=2027-12-31');
      expect(sessions.length).toBeGreaterThanOrEqual(5);
    }
    const chateauroux = await publicProgramme('cpts-chateauroux', '?from=2027-01-01');
    expect(chateauroux.every((s: { priceCents: number }) => s.priceCents === 500)).toBe(true);
    expect((await catalog.request('GET', '/v1/public/tenants/nowhere/sessions')).status).toBe(404);
  });

  it('completes a session past its end on its own, from the periodic sweep of a worker process', async () => {
    const tenants = await expectStatus(
      catalog.request('GET', '/v1/tenants', { token: await catalog.token(Role.PlatformAdmin) }),
      200,
    );
    const adour = tenants.find((t: { slug: string }) => t.slug === 'cpts-adour');
    const coordinator = await catalog.token(Role.Coordinator, adour.id);
    const [activity] = await expectStatus(
      catalog.request('GET', '/v1/activities', { token: coordinator }),
      200,
    );
    const session = await expectStatus(
      catalog.request('POST', '/v1/sessions', {
        token: coordinator,
        body: {
          activityId: activity.id,
          date: daysFromNow(-1),
          startTime: '12:30',
          endTime: '14:00',
          capacity: 10,
          publish: true,
        },
      }),
      201,
    );
    expect(session.status).toBe('published');
    const done = await waitFor(
      () => expectStatus(catalog.request('GET', `/v1/sessions/${session.id}`, { token: coordinator }), 200),
      (s) => s.status === 'completed',
      { what: 'the sweep to complete the session' },
    );
    expect(done.completedAt).not.toBeNull();
  });

  it('rate limits the public programme per client (PUBLIC_RATE_LIMIT, X-Forwarded-For honoured behind TRUST_PROXY)', async () => {
    const from = (address: string) =>
      catalog.request('GET', '/v1/public/tenants/cpts-adour/sessions', {
        headers: { 'x-forwarded-for': address },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await from('203.0.113.7')).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const refused = await from('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error).toBe('rate_limited');
    expect((await from('198.51.100.23')).status).toBe(200);
  });
});
