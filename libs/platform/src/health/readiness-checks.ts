import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ReadinessRegistry } from './readiness.registry';

/** Ready when the database answers `SELECT 1` through this DataSource's pool. */
export function registerDataSourceCheck(
  registry: ReadinessRegistry,
  dataSource: DataSource,
  name = 'database',
): void {
  registry.register(name, async () => {
    if (!dataSource.isInitialized) throw new Error('DataSource is not initialized');
    await dataSource.query('SELECT 1');
  });
}

/** Redis answers `PING` on this connection. Reported, not required: timers are rebuilt from the database. */
export function registerRedisCheck(registry: ReadinessRegistry, redis: Redis, name = 'redis'): void {
  registry.register(
    name,
    async () => {
      const answer = await redis.ping();
      if (answer !== 'PONG') throw new Error(`PING answered ${answer}`);
    },
    { required: false },
  );
}
