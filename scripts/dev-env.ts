/** Defaults for running Respire on one machine (npm start, npm run token, seeds). */
export const DEV_JWT_SECRET = 'respire-development-secret-change-me-in-production';

export const SERVICES = ['catalog', 'registration', 'notifications', 'reporting', 'identity'] as const;
export type ServiceName = (typeof SERVICES)[number];

const pgHost = process.env.PGHOST_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Owner connection to a service's database (migrations, dev tools). */
export function devDatabaseUrl(service: ServiceName): string {
  return `${pgHost}/respire_${service}`;
}
