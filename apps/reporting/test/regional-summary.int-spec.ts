import { v7 as uuidv7 } from 'uuid';
import { Profession, Region, TENANT_CREATED_V1, Topic } from '@respire/contracts';
import { KafkaAdmin, MessageProducer } from '@respire/messaging';
import { mintToken, Role } from '@respire/tenancy';
import { TEST_JWT_SECRET } from '@respire/testing';
import { produce, ReportingTestService, startReporting, waitForProjection } from './reporting-helpers';
import { History, ProducedEvent } from './scripted-history';

jest.setTimeout(120_000);

interface Cpts {
  tenantId: string;
  name: string;
  region: Region;
  /** Who came to its one session, by profession. */
  came: Partial<Record<Profession, number>>;
}

const besancon: Cpts = {
  tenantId: uuidv7(),
  name: 'CPTS CaPaciTéS Besançon',
  region: 'bourgogne-franche-comte',
  came: { infirmier: 12, psychologue: 3 },
};
const dijon: Cpts = {
  tenantId: uuidv7(),
  name: 'CPTS de Dijon',
  region: 'bourgogne-franche-comte',
  came: { medecin: 10, psychologue: 6 },
};
const adour: Cpts = {
  tenantId: uuidv7(),
  name: 'CPTS de l’Adour',
  region: 'nouvelle-aquitaine',
  came: { pharmacien: 8 },
};

const funderToken = (region: Region) =>
  mintToken({ secret: TEST_JWT_SECRET, subject: `ars-${region}`, roles: [Role.Funder], region });

function historyOf(cpts: Cpts): ProducedEvent[] {
  const h = new History(cpts.tenantId);
  h.emit(
    TENANT_CREATED_V1,
    {
      ...TENANT_CREATED_V1.example!,
      tenantId: cpts.tenantId,
      slug: `t-${cpts.tenantId.slice(-12)}`,
      name: cpts.name,
      region: cpts.region,
    },
    '2025-11-01T09:00:00.000Z',
  );
  h.singleSessionActivity('S', { title: 'Pilates', capacity: 30, venue: 'Salle' });
  let i = 0;
  for (const [profession, n] of Object.entries(cpts.came)) {
    for (let k = 0; k < n; k++, i++) {
      h.person(`p${i}`, profession as Profession, 'liberal', '25');
      h.confirm('S', `p${i}`, '2026-01-05T09:00:00.000Z');
      h.attend('S', `p${i}`, '2026-01-15T17:40:00.000Z');
    }
  }
  return h.events;
}

describe('the regional funder summary on real Kafka and PostgreSQL', () => {
  let service: ReportingTestService;
  let producer: MessageProducer;
  let admin: KafkaAdmin;

  beforeAll(async () => {
    service = await startReporting();
    producer = new MessageProducer(service.kafka.settings);
    admin = new KafkaAdmin(service.kafka.settings);
    const events = [besancon, dijon, adour].flatMap(historyOf);
    // Tenants first (the directory gives the region), then the rest.
    await produce(
      producer,
      service.kafka.prefix,
      events.filter((e) => e.topic === Topic.Catalog),
    );
    await produce(
      producer,
      service.kafka.prefix,
      events.filter((e) => e.topic !== Topic.Catalog),
    );
    await waitForProjection(admin, service.kafka.prefix, 1, 60_000);
  });

  afterAll(async () => {
    await producer?.close();
    await admin?.close();
    await service?.close();
  });

  it('shows a funder the two CPTS of their region side by side and combined, none of another region, small counts protected across both', async () => {
    const { status, body } = await service.request('GET', '/v1/funder/summary', {
      token: await funderToken('bourgogne-franche-comte'),
    });
    expect(status).toBe(200);
    expect(body.cpts.map((c: { name: string }) => c.name)).toEqual([besancon.name, dijon.name]);
    expect(JSON.stringify(body)).not.toContain(adour.name);
    expect(JSON.stringify(body)).not.toContain('Pilates'); // figures only: no activity, session or person
    const [b, d] = body.cpts;
    expect(b.figures).toMatchObject({ sessions: 1, attended: 15, uniqueParticipants: 15 });
    expect(d.figures).toMatchObject({ sessions: 1, attended: 16 });
    expect(body.combined.figures).toMatchObject({ sessions: 2, attended: 31, placesOffered: 60 });

    const psychologists = (row: { figures: { byProfession: { value: string; participants: unknown }[] } }) =>
      row.figures.byProfession.find((p) => p.value === 'psychologue')!.participants;
    expect(psychologists(b)).toBe('<5');
    // Besançon's 3 = region − Dijon, unless one of those is hidden too.
    expect(typeof psychologists(d) === 'number' && typeof psychologists(body.combined) === 'number').toBe(
      false,
    );
    // …and = Besançon's participants − its nurses, unless one of those is hidden too.
    const nurses = b.figures.byProfession.find(
      (p: { value: string }) => p.value === 'infirmier',
    ).participants;
    expect(typeof nurses === 'number' && typeof b.figures.profiledParticipants === 'number').toBe(false);

    const other = await service.request('GET', '/v1/funder/summary', {
      token: await funderToken('nouvelle-aquitaine'),
    });
    expect(other.body.cpts.map((c: { name: string }) => c.name)).toEqual([adour.name]);
    expect(other.body.combined.figures.attended).toBe(8);

    const nobody = await service.request('GET', '/v1/funder/summary', {
      token: await funderToken('centre-val-de-loire'),
    });
    expect(nobody.body).toMatchObject({ cpts: [], combined: { figures: { sessions: 0, attended: 0 } } });

    // A coordinator cannot read it, and a bad period is named.
    expect(
      (
        await service.request('GET', '/v1/funder/summary', {
          token: await service.token(Role.Coordinator, besancon.tenantId),
        })
      ).status,
    ).toBe(403);
    const bad = await service.request('GET', '/v1/funder/summary?from=2026-03-01&to=2026-01-01', {
      token: await funderToken('bourgogne-franche-comte'),
    });
    expect(bad.status).toBe(400);
  });
});
