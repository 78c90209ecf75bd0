import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

function boot(app: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', join(root, `apps/${app}/src/main.ts`)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: process.env.NODE_OPTIONS ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('a service booted with a bad environment', () => {
  it('exits 1 naming every bad or missing variable, without printing secrets', () => {
    const result = boot('registration', {
      DATABASE_URL: 'mysql://app:s3cr3t-password@db/registration',
      KAFKA_BROKERS: 'kafka-without-port',
      PORT: 'eighty',
      JWT_SECRET: 'too-short-secret-value',
      ROLE: 'http,cron',
    });
    expect(result.status).toBe(1);
    const output = result.stderr + result.stdout;
    for (const variable of ['DATABASE_URL', 'KAFKA_BROKERS', 'PORT', 'JWT_SECRET', 'ROLE']) {
      expect(output).toContain(variable);
    }
    expect(output).not.toContain('s3cr3t-password');
    expect(output).not.toContain('too-short-secret-value');
  });

  it('refuses to migrate without a database URL', () => {
    const result = boot('catalog', { ROLE: 'migrate', JWT_SECRET: 'x'.repeat(40) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });
});
