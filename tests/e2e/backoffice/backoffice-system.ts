import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Role } from '@respire/tenancy';
import { TestService, waitFor } from '@respire/testing';
import { ReceivedMail } from '@respire/testing/smtp';
import { RunningSystem, SystemUnderTest } from '../system-under-test';

export const BACKOFFICE_DIR = join(__dirname, '..', '..', '..', 'dist', 'backoffice');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Everything the back office talks to, in this process, behind one web origin. */
export interface BackofficeSystem extends RunningSystem {
  readonly identity: TestService<unknown>;
  readonly reporting: TestService<unknown>;
  /** fetch through the web origin with a bearer token, JSON in and out; throws unless `expected`. */
  api(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; expected?: number },
  ): Promise<Json>;
  token(role: Role, tenantId?: string | null, facilitatorId?: string | null): Promise<string>;
}

/**
 * identity, catalog, registration, notifications and reporting (real modules, own databases, one
 * Kafka prefix, the SMTP test server), every one verifying tokens through identity's JWKS (and,
 * in test, the HS256 tokens scripts use), and the web app in front serving the built back office.
 */
export async function startBackofficeSystem(): Promise<BackofficeSystem> {
  if (!existsSync(join(BACKOFFICE_DIR, 'index.html'))) {
    throw new Error(
      `the back office is not built in ${BACKOFFICE_DIR}: run npm run backoffice:build (npm test does)`,
    );
  }
  const system = await SystemUnderTest.open();
  const identity = await system.start('identity', {
    SMTP_URL: system.smtp.url,
    IDENTITY_PUBLIC_BASE_URL: system.baseUrl,
  });
  const jwks = { JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json` };
  const catalog = await system.start('catalog', { ...jwks, CATALOG_COMPLETION_INTERVAL_MS: '0' });
  const registration = await system.start('registration', jwks);
  const notifications = await system.start('notifications', {
    ...jwks,
    SMTP_URL: system.smtp.url,
    NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: '2',
  });
  const reporting = await system.start('reporting', jwks);
  const web = await system.startWeb({ WEB_BACKOFFICE_DIR: BACKOFFICE_DIR });
  const baseUrl = system.baseUrl;

  async function api(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; expected?: number } = {},
  ) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    const expected = options.expected ?? (method === 'POST' ? 201 : 200);
    if (response.status !== expected)
      throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${text}`);
    return body;
  }

  return {
    baseUrl,
    web,
    identity,
    catalog,
    registration,
    notifications,
    reporting,
    smtp: system.smtp,
    api,
    token: (role, tenantId = null, facilitatorId = null) => identity.token(role, tenantId, facilitatorId),
    close: () => system.close(),
  };
}

/** Waits until identity knows a tenant (it learns of it from catalog's events), then adds a staff account. */
export async function addStaff(
  system: BackofficeSystem,
  tenantId: string,
  body: Record<string, unknown>,
): Promise<Json> {
  const admin = await system.token(Role.PlatformAdmin);
  const created = await waitFor(
    () =>
      fetch(`${system.baseUrl}/v1/tenants/${tenantId}/staff`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    (response) => response.status !== 404,
    { what: 'identity to know the new CPTS', timeoutMs: 90_000 },
  );
  if (created.status !== 201) throw new Error(`staff: ${created.status} ${await created.text()}`);
  return created.json();
}

/**
 * Signs in at /app/connexion as a person would: asks for a link for `email` (by keyboard alone if
 * asked), waits for the mail and opens its link in `page`; answers the mail and the link.
 */
export async function signInByMail(
  system: BackofficeSystem,
  page: Page,
  email: string,
  { keyboard = false } = {},
): Promise<{ mail: ReceivedMail; link: string }> {
  system.smtp.clear();
  await page.goto(`${system.baseUrl}/app/connexion`);
  // The sign-in screen is loaded on demand: Tab before it is rendered would focus nothing.
  await page.getByLabel('Adresse e-mail').waitFor();
  if (keyboard) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { type?: string } | null } }).document
          .activeElement?.type,
    );
    if (focused !== 'email') throw new Error(`Tab focused ${focused}, not the address`);
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
  } else {
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  }
  await page.getByText('Consultez votre messagerie').waitFor();
  const [mail] = await system.smtp.waitFor(
    (m) => m.envelope.to.includes(email) && /lien de connexion/.test(m.subject),
    { timeoutMs: 60_000 },
  );
  const link = /http:\/\/127\.0\.0\.1:\d+\/app\/connexion\/lien#jeton=[\w-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no sign-in link in ${mail.text}`);
  await page.goto(link);
  return { mail, link };
}
