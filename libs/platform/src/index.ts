export * from './health/readiness.registry';
