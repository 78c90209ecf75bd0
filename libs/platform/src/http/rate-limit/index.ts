export * from './client-address';
export * from './leased-rate-limiter';
export * from './rate-limit.store';
export * from './rate-limit.guard';
export * from './rate-limited.decorator';
export * from './rate-limited.error';
