/**
 * Demo data, through the running catalog's HTTP API (as a coordinator would enter it):
 *
 *   npm run seed:demo                  (also run by `npm start` once the services are up)
 *   CATALOG_URL=http://… JWT_SECRET=… npm run seed:demo
 *
 * - `capacites-besancon`: "L'instant des soignants" 2026, exactly as the CPTS published it
 *   (shared/seeds/000_…txt): every activity, date, local time and venue. Sessions already over
 *   are published then completed (held); a 2027 edition on the same weekdays (same weekday of the
 *   same week of the month) and times, published.
 * - `cpts-adour` and `cpts-chateauroux`: a few plausible upcoming sessions of the workshops
 *   their articles name (their articles publish no dates: the dates here are made up).
 *
 * Idempotent: tenants, venues, facilitators, programmes and activities are found by name before
 * being created, sessions by activity and local date/time; running it twice creates nothing new.
 *
 * Hook for what comes after the catalog (past registrations, attendance and feedback): if
 * `scripts/seed-demo-registrations.ts` exists, its `seedDemoRegistrations(result, options)` is
 * called with what this seed created or found (every tenant, its sessions with ids, statuses and
 * instants). It runs after the catalog is seeded; it must wait until the registration service
 * knows the sessions (from catalog.session.published) before registering anyone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { mintToken, Role } from '../libs/tenancy/src';
import { seedDemoStaff } from './seed-demo-staff';
import { DEV_JWT_SECRET } from './dev-env';

// ---------------------------------------------------------------------------------------------
// The programmes

export interface DemoActivity {
  title: string;
  category: string;
  objective?: string;
  venue: string;
  facilitator?: string;
  start: string;
  end: string;
  capacity: number;
  confidential?: boolean;
  priceCents?: number;
  dates: string[];
}

export interface DemoProgramme {
  title: string;
  description: string;
  startsOn: string;
  endsOn: string;
  funder: string | null;
  partners: string[];
  activities: DemoActivity[];
}

export interface DemoTenant {
  slug: string;
  name: string;
  venues: { name: string; address: string | null; notes?: string }[];
  facilitators: string[];
  programmes: DemoProgramme[];
}

const DDS = 'Association Le Don du Souffle';
const CAPACITES = 'CaPaciTéS Besançon';
const ENERGIE = 'Énergie & Mouvement';
const ENERGIE_OBJECTIVE = 'Décompresser, se reconnecter à son corps, relâcher les tensions';
const APP = 'Analyse de la Pratique Professionnelle';
const EMOTIONS = 'Gestion des Émotions';
const FACILITATOR_ENERGIE = 'Intervenant·e Énergie & Mouvement (DDS)';
const FACILITATOR_APP = 'Animateur·rice Analyse de la Pratique';
const FACILITATOR_EMOTIONS = 'Intervenant·e Gestion des Émotions';

/**
 * "L'instant des soignants" 2026 as published by CPTS CaPaciTéS Besançon & Métropole
 * (shared/seeds/000_ae336580b2f8d0ed.txt). Capacities are not published ("places limitées"):
 * assumed, as in shared/demo/programmes-2026.json.
 */
/** The monthly "énergie" evenings: same place, facilitator, hours and size. */
const ENERGIE_EVENING = {
  category: ENERGIE,
  objective: ENERGIE_OBJECTIVE,
  venue: DDS,
  facilitator: FACILITATOR_ENERGIE,
  start: '18:30',
  end: '19:30',
  capacity: 15,
};

export const BESANCON_2026: DemoActivity[] = [
  {
    title: 'Cardio boxing',
    ...ENERGIE_EVENING,
    dates: ['2026-01-22', '2026-02-19', '2026-03-19', '2026-04-30', '2026-05-28', '2026-06-25'],
  },
  {
    title: 'Pilates & respiration',
    ...ENERGIE_EVENING,
    dates: ['2026-01-29', '2026-02-26', '2026-03-26', '2026-05-07', '2026-06-04'],
  },
  {
    title: 'Danse fitness',
    ...ENERGIE_EVENING,
    dates: ['2026-02-05', '2026-03-05', '2026-04-02', '2026-05-14', '2026-06-11'],
  },
  {
    title: 'Stretching',
    ...ENERGIE_EVENING,
    dates: ['2026-02-12', '2026-03-12', '2026-04-23', '2026-05-21', '2026-06-18'],
  },
  {
    title: APP,
    category: APP,
    objective: 'Réfléchir ensemble, prendre du recul, renforcer sa pratique',
    venue: CAPACITES,
    facilitator: FACILITATOR_APP,
    start: '19:30',
    end: '21:00',
    capacity: 10,
    confidential: true,
    dates: [
      '2026-02-03',
      '2026-03-03',
      '2026-04-06',
      '2026-05-05',
      '2026-06-02',
      '2026-07-07',
      '2026-09-01',
      '2026-10-06',
    ],
  },
  {
    title: EMOTIONS,
    category: EMOTIONS,
    objective: 'Mieux comprendre, accueillir et réguler ses émotions',
    venue: DDS,
    facilitator: FACILITATOR_EMOTIONS,
    start: '18:00',
    end: '19:00',
    capacity: 12,
    confidential: true,
    dates: ['2026-01-19', '2026-02-17', '2026-03-17', '2026-04-28', '2026-05-26', '2026-06-16'],
  },
];

/**
 * The same local date one year on, on the same weekday of the same week of the month (the 4th
 * Thursday stays the 4th Thursday); a 5th weekday the next year lacks becomes the last one.
 */
export function sameWeekdayNextYear(date: string): string {
  const source = DateTime.fromISO(date, { zone: 'UTC' });
  const nth = Math.ceil(source.day / 7);
  let target = DateTime.fromObject({ year: source.year + 1, month: source.month, day: 1 }, { zone: 'UTC' });
  while (target.weekday !== source.weekday) target = target.plus({ days: 1 });
  target = target.plus({ weeks: nth - 1 });
  if (target.month !== source.month) target = target.minus({ weeks: 1 });
  return target.toISODate()!;
}

const INSTANT_DESCRIPTION =
  'Ateliers bien-être gratuits, pensés par et pour les soignants : évacuer le stress, libérer les tensions ' +
  'physiques et émotionnelles, améliorer le sommeil et la récupération, renforcer le lien entre pairs. ' +
  'Gratuit, sur inscription, places limitées.';

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'capacites-besancon',
    name: 'CPTS CaPaciTéS Besançon & Métropole',
    venues: [
      { name: DDS, address: 'Besançon' },
      { name: CAPACITES, address: 'Besançon' },
    ],
    facilitators: [FACILITATOR_ENERGIE, FACILITATOR_APP, FACILITATOR_EMOTIONS],
    programmes: [
      {
        title: "L'instant des soignants",
        description: INSTANT_DESCRIPTION,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        funder: 'ARS Bourgogne-Franche-Comté',
        partners: ['Association Le Don du Souffle (DDS)'],
        activities: BESANCON_2026,
      },
      {
        title: "L'instant des soignants",
        description: INSTANT_DESCRIPTION,
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        funder: 'ARS Bourgogne-Franche-Comté',
        partners: ['Association Le Don du Souffle (DDS)'],
        activities: BESANCON_2026.map((activity) => ({
          ...activity,
          dates: activity.dates.map(sameWeekdayNextYear),
        })),
      },
    ],
  },
  {
    slug: 'cpts-adour',
    name: "CPTS de l'Adour",
    venues: [{ name: "Locaux de la CPTS de l'Adour", address: null, notes: 'Salle de réunion de la CPTS' }],
    facilitators: [
      'Intervenant·e SPS (Soins aux Professionnels de Santé)',
      'Animateur·rice Commission Santé Mentale',
    ],
    programmes: [
      {
        title: 'Prenons soin de nos soignants',
        description:
          'Prévenir les risques psychosociaux, améliorer les conditions de travail, créer une communauté de soutien entre ' +
          'professionnels de santé : libéraux, salariés ou étudiants.',
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        funder: null,
        partners: ['Soins aux Professionnels de Santé (SPS)'],
        activities: [
          {
            title: 'Soirée thématique : burn-out et risques psychosociaux',
            category: 'Prévention primaire',
            objective: 'Sensibiliser et informer sur le burn-out et les RPS',
            venue: "Locaux de la CPTS de l'Adour",
            facilitator: 'Intervenant·e SPS (Soins aux Professionnels de Santé)',
            start: '19:30',
            end: '21:30',
            capacity: 40,
            dates: ['2027-01-21'],
          },
          {
            title: 'Soirée thématique : violences sur les professionnels de santé',
            category: 'Prévention primaire',
            venue: "Locaux de la CPTS de l'Adour",
            start: '19:30',
            end: '21:30',
            capacity: 40,
            dates: ['2027-03-18'],
          },
          {
            title: 'Atelier gestion des conflits',
            category: 'Prévention secondaire',
            venue: "Locaux de la CPTS de l'Adour",
            start: '19:00',
            end: '21:00',
            capacity: 12,
            dates: ['2027-02-09', '2027-04-13'],
          },
          {
            title: 'Atelier communication non violente',
            category: 'Prévention secondaire',
            venue: "Locaux de la CPTS de l'Adour",
            start: '19:00',
            end: '21:00',
            capacity: 12,
            dates: ['2027-02-23', '2027-05-11'],
          },
          {
            title: "Groupe de parole et d'échanges de bonnes pratiques",
            category: 'Prévention secondaire',
            objective: 'Un espace d’écoute et d’échange pour partager les difficultés',
            venue: "Locaux de la CPTS de l'Adour",
            facilitator: 'Animateur·rice Commission Santé Mentale',
            start: '12:30',
            end: '14:00',
            capacity: 10,
            confidential: true,
            dates: ['2027-01-26', '2027-03-30', '2027-05-25'],
          },
          {
            title: 'Activité physique',
            category: 'Prévention secondaire',
            venue: "Locaux de la CPTS de l'Adour",
            start: '10:00',
            end: '11:30',
            capacity: 15,
            dates: ['2027-02-06', '2027-03-06'],
          },
        ],
      },
    ],
  },
  {
    slug: 'cpts-chateauroux',
    name: 'CPTS Châteauroux and Co',
    venues: [{ name: 'Locaux de la CPTS Châteauroux and Co', address: 'Châteauroux' }],
    facilitators: ['Sophrologue de la CPTS', 'Art-thérapeute de la CPTS'],
    programmes: [
      {
        title: 'Prendre soin de soi pour mieux soigner',
        description:
          'Développer la culture du prendre soin de soi pour mieux soigner, comme partie intégrante de son travail. ' +
          'Ateliers de groupe, pour un coût très modique.',
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        funder: null,
        partners: [],
        activities: [
          {
            title: 'Atelier danse',
            category: 'Énergie & Mouvement',
            venue: 'Locaux de la CPTS Châteauroux and Co',
            start: '19:00',
            end: '20:30',
            capacity: 15,
            priceCents: 500,
            dates: ['2027-01-14', '2027-02-11', '2027-03-11'],
          },
          {
            title: 'Sophrologie et gestion du stress',
            category: 'Gestion du stress',
            venue: 'Locaux de la CPTS Châteauroux and Co',
            facilitator: 'Sophrologue de la CPTS',
            start: '18:30',
            end: '19:45',
            capacity: 12,
            priceCents: 500,
            dates: ['2027-01-19', '2027-02-16', '2027-03-16'],
          },
          {
            title: 'Art-thérapie moderne',
            category: 'Expression & créativité',
            venue: 'Locaux de la CPTS Châteauroux and Co',
            facilitator: 'Art-thérapeute de la CPTS',
            start: '18:30',
            end: '20:30',
            capacity: 10,
            priceCents: 500,
            dates: ['2027-02-04'],
          },
          {
            title: 'Affirmation de soi',
            category: 'Relations & communication',
            venue: 'Locaux de la CPTS Châteauroux and Co',
            start: '19:00',
            end: '21:00',
            capacity: 12,
            priceCents: 500,
            dates: ['2027-03-04'],
          },
          {
            title: 'Prévenir ou gérer le burn-out',
            category: "Prévention de l'épuisement",
            venue: 'Locaux de la CPTS Châteauroux and Co',
            start: '19:00',
            end: '21:00',
            capacity: 20,
            confidential: true,
            priceCents: 500,
            dates: ['2027-04-08'],
          },
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Seeding through the API

export interface SeedOptions {
  /** The running catalog, e.g. http://127.0.0.1:3001. */
  catalogUrl: string;
  /** Signs the seed's tokens (the catalog's JWT_SECRET). */
  jwtSecret: string;
  /** Sessions ending before this are completed (held). Default: now. */
  now?: Date;
  log?: (line: string) => void;
  tenants?: DemoTenant[];
}

export interface SeededSession {
  id: string;
  activityId: string;
  activityTitle: string;
  category: string;
  confidential: boolean;
  programmeId: string;
  status: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  localStartTime: string;
  capacity: number;
}

export interface SeededTenant {
  id: string;
  slug: string;
  coordinatorToken: string;
  sessions: SeededSession[];
}

export interface SeedResult {
  tenants: SeededTenant[];
  /** What this run created (0 everywhere on a second run). */
  created: {
    tenants: number;
    venues: number;
    facilitators: number;
    programmes: number;
    activities: number;
    sessions: number;
  };
  completed: number;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

class CatalogClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<Json> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }
}

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const created = { tenants: 0, venues: 0, facilitators: 0, programmes: 0, activities: 0, sessions: 0 };
  let completed = 0;
  const admin = new CatalogClient(
    options.catalogUrl,
    await mintToken({ secret: options.jwtSecret, subject: 'seed-demo', roles: [Role.PlatformAdmin] }),
  );
  const result: SeededTenant[] = [];

  for (const demo of options.tenants ?? DEMO_TENANTS) {
    const known: Json[] = await admin.call('GET', '/v1/tenants');
    let tenant = known.find((t) => t.slug === demo.slug);
    if (!tenant) {
      tenant = await admin.call('POST', '/v1/tenants', { slug: demo.slug, name: demo.name });
      created.tenants += 1;
    }
    const coordinatorToken = await mintToken({
      secret: options.jwtSecret,
      subject: 'seed-demo',
      roles: [Role.Coordinator],
      tenantId: tenant.id,
    });
    const api = new CatalogClient(options.catalogUrl, coordinatorToken);

    const venues = new Map<string, string>();
    const liveVenues: Json[] = await api.call('GET', '/v1/venues');
    for (const venue of demo.venues) {
      let found = liveVenues.find((v) => v.name.toLowerCase() === venue.name.toLowerCase());
      if (!found) {
        found = await api.call('POST', '/v1/venues', venue);
        created.venues += 1;
      }
      venues.set(venue.name, found.id);
    }

    const facilitators = new Map<string, string>();
    const liveFacilitators: Json[] = await api.call('GET', '/v1/facilitators');
    for (const name of demo.facilitators) {
      let found = liveFacilitators.find((f) => f.name === name);
      if (!found) {
        found = await api.call('POST', '/v1/facilitators', { name });
        created.facilitators += 1;
      }
      facilitators.set(name, found.id);
    }

    const sessions: SeededSession[] = [];
    const liveProgrammes: Json[] = await api.call('GET', '/v1/programmes');
    for (const programme of demo.programmes) {
      const { activities, ...fields } = programme;
      let found = liveProgrammes.find(
        (p) => p.title === programme.title && p.startsOn === programme.startsOn,
      );
      if (!found) {
        found = await api.call('POST', '/v1/programmes', fields);
        created.programmes += 1;
      }
      const programmeId: string = found.id;
      const liveActivities: Json[] = await api.call('GET', `/v1/activities?programmeId=${programmeId}`);

      for (const activity of activities) {
        let row = liveActivities.find((a) => a.title.toLowerCase() === activity.title.toLowerCase());
        if (!row) {
          row = await api.call('POST', '/v1/activities', {
            programmeId,
            title: activity.title,
            category: activity.category,
            objective: activity.objective ?? null,
            capacity: activity.capacity,
            durationMinutes: minutesBetween(activity.start, activity.end),
            venueId: venues.get(activity.venue),
            facilitatorId: activity.facilitator ? facilitators.get(activity.facilitator) : null,
            confidential: activity.confidential ?? false,
          });
          created.activities += 1;
        }
        const existing: Json[] = await api.call(
          'GET',
          `/v1/sessions?activityId=${row.id}&status=draft,published,completed&limit=500`,
        );
        const has = new Set(existing.map((s) => `${s.localDate} ${s.localStartTime}`));
        const missing = activity.dates.filter((date) => !has.has(`${date} ${activity.start}`));
        let all = existing;
        if (missing.length > 0) {
          const { sessions: made } = await api.call('POST', '/v1/sessions/series', {
            activityId: row.id,
            venueId: venues.get(activity.venue),
            dates: missing,
            startTime: activity.start,
            endTime: activity.end,
            capacity: activity.capacity,
            priceCents: activity.priceCents ?? 0,
            publish: true,
          });
          created.sessions += made.length;
          all = [...existing, ...made];
        }
        for (let session of all) {
          if (session.status === 'draft')
            session = await api.call('POST', `/v1/sessions/${session.id}/publish`);
          if (session.status === 'published' && new Date(session.endsAt) <= now) {
            session = await api.call('POST', `/v1/sessions/${session.id}/complete`);
            completed += 1;
          }
          sessions.push({
            id: session.id,
            activityId: row.id,
            activityTitle: row.title,
            category: row.category,
            confidential: row.confidential,
            programmeId,
            status: session.status,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
            localDate: session.localDate,
            localStartTime: session.localStartTime,
            capacity: session.capacity,
          });
        }
      }
    }
    sessions.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    result.push({ id: tenant.id, slug: demo.slug, coordinatorToken, sessions });
    const byStatus = countBy(sessions.map((s) => s.status));
    log(
      `${demo.slug}: ${sessions.length} sessions (${Object.entries(byStatus)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')})`,
    );
  }
  return { tenants: result, created, completed };
}

function minutesBetween(start: string, end: string): number {
  const [sh, sm] = start.split(':').map(Number);
  const [eh, em] = end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>(
    (acc, value) => ({ ...acc, [value]: (acc[value] ?? 0) + 1 }),
    {},
  );
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main(): Promise<void> {
  const options: SeedOptions = {
    catalogUrl: process.env.CATALOG_URL ?? 'http://127.0.0.1:3001',
    jwtSecret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
    log: (line) => process.stdout.write(`seed-demo: ${line}\n`),
  };
  const result = await seedDemo(options);
  const made = Object.entries(result.created)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  options.log!(made.length > 0 ? `created ${made.join(', ')}` : 'nothing new (already seeded)');

  const identityUrl = process.env.IDENTITY_URL ?? 'http://127.0.0.1:3005';
  const staff = await seedDemoStaff(result, { ...options, identityUrl });
  const coordinators = staff.filter((member) => member.roles.includes('coordinator'));
  options.log!(
    `sign in at ${process.env.BACKOFFICE_URL ?? 'http://127.0.0.1:3000'}/app/connexion as ${coordinators.map((c) => c.email).join(' or ')}` +
      ` (facilitators: <name>@<slug>.example.org); the link arrives in the local mail viewer, ${process.env.MAIL_VIEWER_URL ?? 'http://127.0.0.1:1080'}`,
  );

  const hook = join(__dirname, 'seed-demo-registrations.ts');
  if (existsSync(hook)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { seedDemoRegistrations } = require(hook) as {
      seedDemoRegistrations: (result: SeedResult, options: SeedOptions) => Promise<void>;
    };
    await seedDemoRegistrations(result, options);
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`seed-demo failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
