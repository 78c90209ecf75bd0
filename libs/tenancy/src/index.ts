export * from './tenant-context';
export * from './tenant-transaction';
export * from './row-level-security';
export * from './app-role';
export * from './auth/principal';
export * from './auth/token-verifier';
