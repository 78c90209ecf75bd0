import { startTestService, TestKafka, TestService } from '@respire/testing';
import { SmtpTestServer } from '@respire/testing/smtp';
import { IdentityEnv, identityEnvSchema } from '../src/config/env.schema';
import { IDENTITY_MIGRATIONS } from '../src/infrastructure/migrations';
import { IdentityModule } from '../src/identity.module';

export type IdentityService = TestService<IdentityEnv>;

/** The real identity service on its own database, mailing through `smtpUrl`. */
export function startIdentity(options: {
  kafka?: TestKafka;
  smtpUrl: string;
  extraEnv?: Record<string, string>;
}): Promise<IdentityService> {
  return startTestService({
    service: 'identity',
    env: identityEnvSchema,
    module: (config) => IdentityModule.forRoot(config),
    migrations: IDENTITY_MIGRATIONS,
    kafka: options.kafka,
    extraEnv: {
      SMTP_URL: options.smtpUrl,
      PUBLIC_RATE_LIMIT: '0',
      IDENTITY_PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      ...options.extraEnv,
    },
  });
}

/** Whether a mail is a sign-in link. */
export const isSignInMail = (subject: string) => subject.startsWith('Votre lien de connexion');

/** The secret of the newest sign-in link mailed to `email`. */
export function linkTokenIn(text: string): string {
  const match = /\/app\/connexion\/lien#jeton=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no sign-in link in: ${text.slice(0, 300)}`);
  return match[1];
}

/** A browser's cookie jar, reduced to what these tests need. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A browser's JSON POST to identity, with the jar's cookies and the CSRF header when given. */
export function postJson(
  identity: IdentityService,
  path: string,
  body: unknown,
  jar?: CookieJar,
  csrf?: string,
): Promise<Response> {
  return fetch(`${identity.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(jar ? { cookie: jar.header() } : {}),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    body: JSON.stringify(body),
  });
}

export interface BrowserSession {
  jar: CookieJar;
  csrf: string;
}

/** Signs `email` in as a browser does: asks for the link, follows the mailed one, keeps the cookies. */
export async function signInByMail(
  identity: IdentityService,
  smtp: SmtpTestServer,
  email: string,
): Promise<BrowserSession & { subject: string; account: Record<string, unknown> }> {
  smtp.clear();
  expect((await postJson(identity, '/v1/auth/sign-in/request', { email })).status).toBe(202);
  const [mail] = await smtp.waitFor((m) => m.to.includes(email) && isSignInMail(m.subject));
  const response = await postJson(identity, '/v1/auth/sign-in/complete', { token: linkTokenIn(mail.text) });
  expect(response.status).toBe(200);
  const jar = new CookieJar();
  jar.store(response.headers);
  const { account } = (await response.json()) as { account: Record<string, unknown> };
  return { jar, csrf: jar.get('respire_csrf')!, subject: mail.subject, account };
}

/** The access token a signed-in browser asks for, or the refusal. */
export async function accessTokenOf(identity: IdentityService, session: BrowserSession) {
  const response = await postJson(identity, '/v1/auth/token', {}, session.jar, session.csrf);
  return { status: response.status, body: (await response.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
