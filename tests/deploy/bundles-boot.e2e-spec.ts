import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '../../scripts/dev-env';
import { ProcessStack, ServiceProcess, uniqueSuffix } from '@respire/testing';

/**
 * What `npm start` and the images run is the webpack bundle, not the sources the other tests boot:
 * a module the bundler rewrites (a `require.resolve`, a file read beside the source) only breaks
 * there. Each built service migrates an empty database and serves /health/ready; the built web app
 * renders from them and serves the built back office; all stop on SIGTERM.
 * `npm test` builds dist/ first (scripts/test.sh).
 */
const ROOT = join(__dirname, '..', '..');
const bundle = (app: string) => `dist/apps/${app}/main.js`;
// A bundle loads everything at boot: minutes on a loaded 2-core machine.
const BOOT_MS = 180_000;
jest.setTimeout(BOOT_MS + 30_000);

describe('the built bundles (dist/) migrate, boot and stop', () => {
  let stack: ProcessStack;
  const running = new Map<string, ServiceProcess>();

  beforeAll(async () => {
    const missing = [...SERVICES, 'web'].map(bundle).filter((file) => !existsSync(join(ROOT, file)));
    if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} (run npm run build)`);
    stack = await ProcessStack.open();
    for (const service of SERVICES) await stack.addDatabase(service, []);
  });

  afterAll(() => stack?.tearDown());

  const envOf = (service: string, extra: Record<string, string> = {}) =>
    stack.envOf(service, { SMTP_URL: stack.smtp.url, ...extra });

  it.each([...SERVICES])('%s migrates an empty database with ROLE=migrate', (service) => {
    const run = spawnSync(process.execPath, [join(ROOT, bundle(service))], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...envOf(service, { ROLE: 'migrate' }) },
      encoding: 'utf8',
      timeout: BOOT_MS,
    });
    expect({
      service,
      status: run.status,
      output: run.status === 0 ? '' : `${run.stdout}${run.stderr}`,
    }).toEqual({
      service,
      status: 0,
      output: '',
    });
    expect(run.stdout).toContain('"msg":"migrated"');
  });

  it.each([...SERVICES])('%s boots with every role and is ready', async (service) => {
    const process = await stack.spawn(
      bundle(service),
      envOf(service, { ROLE: 'http,consumer,relay,worker' }),
      { bootCpuMs: BOOT_MS },
    );
    running.set(service, process);
    const live = await fetch(`${process.baseUrl}/health/live`);
    expect(live.status).toBe(200);
  });

  it('the web app renders from them and serves the built back office', async () => {
    const upstream = (service: string) => running.get(service)!.baseUrl;
    const web = await stack.spawn(
      bundle('web'),
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        JWT_SECRET: envOf('catalog').JWT_SECRET,
        REDIS_PREFIX: stack.redisPrefixOf('web'),
        CATALOG_URL: upstream('catalog'),
        REGISTRATION_URL: upstream('registration'),
        NOTIFICATIONS_URL: upstream('notifications'),
        REPORTING_URL: upstream('reporting'),
        IDENTITY_URL: upstream('identity'),
      },
      { bootCpuMs: BOOT_MS },
    );
    running.set('web', web);
    const unknownCpts = await fetch(`${web.baseUrl}/cpts-inconnue-${uniqueSuffix()}`);
    expect(unknownCpts.status).toBe(404);
    expect(await unknownCpts.text()).toContain('lang="fr"');
    const backOffice = await fetch(`${web.baseUrl}/app/`);
    expect(backOffice.status).toBe(200);
    expect(await backOffice.text()).toMatch(/<script[^>]+src="\/app\/assets\//);
  });

  // Nest re-raises the signal once its shutdown hooks are done: a clean stop ends by SIGTERM (or 0).
  it('every bundle stops on SIGTERM, neither crashing nor hanging', async () => {
    const exits: Record<string, unknown> = {};
    for (const [name, process] of [...running.entries()].reverse()) {
      const exit = await process.stop('SIGTERM');
      exits[name] = exit === 0 || exit === 'SIGTERM' ? 'stopped' : exit;
    }
    running.clear();
    expect(exits).toEqual(
      Object.fromEntries(['web', ...[...SERVICES].reverse()].map((name) => [name, 'stopped'])),
    );
  });
});
