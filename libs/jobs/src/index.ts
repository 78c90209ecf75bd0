export * from './tenant-job';
export * from './redis-url';
export * from './jobs.module';
export * from './queue-dashboard';
export * from './jobs.metrics';
