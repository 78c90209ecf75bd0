import { startTestService, TestKafka, TestService } from '@respire/testing';
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
