export * from './topics';
export * from './envelope';
export * from './event-definition';
export * from './domain-values';
export * from './registration-statuses';
export * from './registry';
export * from './events';
export * from './asyncapi';
