/**
 * What the built-in issuer costs: `npm run bench:identity`. Boots identity and catalog (real
 * PostgreSQL, Kafka, SMTP test server; catalog verifies through identity's JWKS), signs a
 * coordinator in, then, with 10 concurrent clients:
 * - the SPA's token refresh (`POST /v1/auth/token`: session lookup, CSRF check, ES256 signature)
 *   against `GET /health/live` on the same service (the HTTP stack alone);
 * - a catalog read (`GET /v1/venues`) with an ES256 token verified through the JWKS (keys cached)
 *   against the same read with an HS256 token (shared secret).
 * Prints p50/p95 and the ratios. Client and servers share this process and the 2 cores.
 */
import { Role } from '../libs/tenancy/src';
import { createTestKafka } from '../libs/testing/src';
import { startSmtpServer } from '../libs/testing/src/smtp';
import { startService } from '../tests/e2e/services';

const CLIENTS = 10;
const REQUESTS = 1000;

async function load(send: () => Promise<Response>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const started = performance.now();
        const response = await send();
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`answered ${response.status}`);
        durations.push(performance.now() - started);
      }
    }),
  );
  return durations.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const line = (label: string, sorted: number[]) =>
  `${label.padEnd(44)} p50 ${pct(sorted, 50).toFixed(2)} ms  p95 ${pct(sorted, 95).toFixed(2)} ms`;

async function main(): Promise<void> {
  const kafka = await createTestKafka();
  const smtp = await startSmtpServer();
  const identity = await startService('identity', kafka, {
    SMTP_URL: smtp.url,
    PUBLIC_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
  });
  const catalog = await startService('catalog', kafka, {
    JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json`,
    LOG_LEVEL: 'warn',
  });
  try {
    const admin = await catalog.token(Role.PlatformAdmin);
    const tenant = (
      await catalog.request('POST', '/v1/tenants', {
        token: admin,
        body: { slug: 'bench-identite', name: 'CPTS Bench' },
      })
    ).body;
    const idAdmin = await identity.token(Role.PlatformAdmin);
    for (;;) {
      const created = await identity.request('POST', `/v1/tenants/${tenant.id}/staff`, {
        token: idAdmin,
        body: { email: 'bench@cpts.fr', name: 'Bench', roles: ['coordinator'] },
      });
      if (created.status === 201) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await identity.request('POST', '/v1/auth/sign-in/request', { body: { email: 'bench@cpts.fr' } });
    const [mail] = await smtp.waitFor((m) => /lien de connexion/.test(m.subject));
    const secret = /#jeton=([\w-]+)/.exec(mail.text)![1];
    const opened = await fetch(`${identity.baseUrl}/v1/auth/sign-in/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: secret }),
    });
    const cookies = opened.headers.getSetCookie().map((c) => c.split(';')[0]);
    const csrf = cookies.find((c) => c.startsWith('respire_csrf='))!.split('=')[1];
    const cookie = cookies.join('; ');
    const tokenRequest = () =>
      fetch(`${identity.baseUrl}/v1/auth/token`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf },
      });
    const es256 = ((await (await tokenRequest()).json()) as { accessToken: string }).accessToken;
    const hs256 = await catalog.token(Role.Coordinator, tenant.id);

    // warm-up (JIT, pools, the JWKS fetch)
    for (let i = 0; i < 50; i += 1) {
      await (await tokenRequest()).arrayBuffer();
      await (
        await fetch(`${catalog.baseUrl}/v1/venues`, { headers: { authorization: `Bearer ${es256}` } })
      ).arrayBuffer();
    }
    const health = await load(() => fetch(`${identity.baseUrl}/health/live`));
    const tokens = await load(tokenRequest);
    const withHs = await load(() =>
      fetch(`${catalog.baseUrl}/v1/venues`, { headers: { authorization: `Bearer ${hs256}` } }),
    );
    const withEs = await load(() =>
      fetch(`${catalog.baseUrl}/v1/venues`, { headers: { authorization: `Bearer ${es256}` } }),
    );

    console.log(`${REQUESTS} requests each, ${CLIENTS} concurrent clients`);
    console.log(line('identity GET /health/live (baseline)', health));
    console.log(line('identity POST /v1/auth/token', tokens));
    console.log(
      `  ratio p50 ${(pct(tokens, 50) / pct(health, 50)).toFixed(2)}, p95 ${(pct(tokens, 95) / pct(health, 95)).toFixed(2)}`,
    );
    console.log(line('catalog GET /v1/venues, HS256 token (baseline)', withHs));
    console.log(line('catalog GET /v1/venues, ES256 via JWKS', withEs));
    console.log(
      `  ratio p50 ${(pct(withEs, 50) / pct(withHs, 50)).toFixed(2)}, p95 ${(pct(withEs, 95) / pct(withHs, 95)).toFixed(2)}`,
    );
  } finally {
    await catalog.close();
    await identity.close();
    await smtp.close();
    await kafka.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
