/**
 * Where the test infrastructure lives. The defaults are the servers `npm run infra:up` starts
 * or reuses on this machine; CI and laptops override them with the same variables the apps use.
 */
export const testInfrastructure = {
  postgresAdminUrl: process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  appRole: process.env.TEST_APP_ROLE ?? 'respire_app',
};

export const HOW_TO_START =
  'Start the infrastructure with `npm run infra:up` (see README, "Infrastructure").';

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
