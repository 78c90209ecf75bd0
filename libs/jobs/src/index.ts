export * from './tenant-job';
export * from './redis-url';
export * from './jobs.module';
