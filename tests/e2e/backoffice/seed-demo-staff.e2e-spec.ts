import { Role } from '@respire/tenancy';
import { createTestKafka, TEST_JWT_SECRET, TestKafka, TestService } from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { seedDemo } from '../../../scripts/seed-demo';
import { demoCoordinatorEmail, seedDemoStaff } from '../../../scripts/seed-demo-staff';
import { startService } from '../services';

jest.setTimeout(120_000);

/** `npm start`'s demo gives each demo CPTS a coordinator and its facilitators, once. */
describe('seed-demo: staff accounts for the demo CPTS', () => {
  let kafka: TestKafka;
  let smtp: SmtpTestServer;
  let catalog: TestService<unknown>;
  let identity: TestService<unknown>;

  beforeAll(async () => {
    kafka = await createTestKafka();
    smtp = await startSmtpServer();
    catalog = await startService('catalog', kafka, { CATALOG_COMPLETION_INTERVAL_MS: '0' });
    identity = await startService('identity', kafka, { SMTP_URL: smtp.url });
  });

  afterAll(async () => {
    await identity?.close();
    await catalog?.close();
    await smtp?.close();
    await kafka?.cleanup();
  });

  it('creates a coordinator and one linked facilitator account per facilitator record, and nothing on a second run', async () => {
    const demo = await seedDemo({ catalogUrl: catalog.baseUrl, jwtSecret: TEST_JWT_SECRET });
    const options = {
      catalogUrl: catalog.baseUrl,
      jwtSecret: TEST_JWT_SECRET,
      identityUrl: identity.baseUrl,
    };

    const first = await seedDemoStaff(demo, options);
    const second = await seedDemoStaff(demo, options);

    expect(second).toEqual(first);
    const besancon = demo.tenants.find((t) => t.slug === 'capacites-besancon')!;
    const token = await identity.token(Role.Coordinator, besancon.id);
    const team = (await identity.request('GET', '/v1/staff', { token })).body as {
      email: string;
      roles: string[];
      facilitatorId: string | null;
    }[];
    const facilitators = (
      await catalog.request('GET', '/v1/facilitators', {
        token: await catalog.token(Role.Coordinator, besancon.id),
      })
    ).body as { id: string }[];
    expect(team.filter((m) => m.roles.includes('coordinator')).map((m) => m.email)).toEqual([
      demoCoordinatorEmail('capacites-besancon'),
    ]);
    expect(
      team
        .filter((m) => m.roles.includes('facilitator'))
        .map((m) => m.facilitatorId)
        .sort(),
    ).toEqual(facilitators.map((f) => f.id).sort());
  });
});
