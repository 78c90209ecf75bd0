export * from './config-error';
export * from './env-var';
export * from './load-config';
export * from './platform-env.schema';
export * from './redact-config';
