import { TEST_JWT_SECRET, TestService } from '@respire/testing';
import { seedDemo, SeedResult } from '../../../scripts/seed-demo';
import { waitUntilSessionsKnown } from '../../support/counts';
import { RunningSystem, SystemUnderTest } from '../system-under-test';

/** The whole public side, in this process, on real PostgreSQL, Kafka, Redis and the SMTP test server. */
export interface WebSystem extends RunningSystem {
  /** Started when asked for (survey pages). */
  readonly reporting: TestService<unknown> | null;
  readonly demo: SeedResult;
}

/**
 * Boots catalog, registration and notifications (their real modules, each with its own fresh
 * database, one Kafka prefix for this run, its own Redis prefix), the web app in front of them
 * on a port chosen first (the services' links must point at it), and seeds the demo programme
 * through catalog's API. Waits until registration and notifications know every published
 * session, so that a page can register at once.
 */
export async function startWebSystem(
  webEnv: Record<string, string> = {},
  options: { reporting?: boolean; notificationsEnv?: Record<string, string> } = {},
): Promise<WebSystem> {
  const system = await SystemUnderTest.open();
  const catalog = await system.start('catalog');
  const registration = await system.start('registration');
  const notifications = await system.start('notifications', {
    SMTP_URL: system.smtp.url,
    NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: '2',
    ...options.notificationsEnv,
  });
  const reporting = options.reporting ? await system.start('reporting') : null;
  const web = await system.startWeb(webEnv);
  const demo = await seedDemo({ catalogUrl: catalog.baseUrl, jwtSecret: TEST_JWT_SECRET });
  const published = demo.tenants.flatMap((t) =>
    t.sessions.filter((s) => s.status === 'published').map((s) => s.id),
  );
  await waitUntilSessionsKnown(
    {
      registration: await registration.db.dataSource('owner'),
      notifications: await notifications.db.dataSource('owner'),
    },
    published,
    90_000,
  );

  return {
    baseUrl: system.baseUrl,
    web,
    catalog,
    registration,
    notifications,
    reporting,
    smtp: system.smtp,
    demo,
    close: () => system.close(),
  };
}
