export * from './infrastructure';
export * from './test-database';
export * from './test-kafka';
export * from './test-service';
export * from './service-process';
export * from './wait-for';
export * from './private-postgres';
