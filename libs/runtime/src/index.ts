export * from './service-infrastructure.module';
export * from './run-respire-service';
