export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './consumer/event-handler';
export * from './consumer/event-consumer';
export * from './kafka/kafka-factory';
export * from './kafka/topic-admin';
export * from './migrations/messaging-tables';
