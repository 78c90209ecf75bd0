export * from './smtp-test-server';
export * from './plain-smtp-server';
