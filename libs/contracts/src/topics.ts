/** One topic per producing domain. A breaking change to a topic's keying or envelope is a new topic. */
export enum Topic {
  Catalog = 'catalog.events.v1',
  Registration = 'registration.events.v1',
  Notifications = 'notifications.events.v1',
  Surveys = 'surveys.events.v1',
}

export const ALL_TOPICS: readonly Topic[] = [
  Topic.Catalog,
  Topic.Registration,
  Topic.Notifications,
  Topic.Surveys,
];

/** Where a consumer parks what it cannot handle: `<topic>.dlq`. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Headers the messaging layer sets on every Kafka record (strings). */
export enum EventHeader {
  Type = 'event-type',
  Version = 'event-version',
  TenantId = 'tenant-id',
  CorrelationId = 'correlation-id',
  TraceParent = 'traceparent',
  DeadLetterReason = 'dlq-reason',
  DeadLetterDetail = 'dlq-detail',
  DeadLetterSourceTopic = 'dlq-source-topic',
  DeadLetterSourcePartition = 'dlq-source-partition',
  DeadLetterSourceOffset = 'dlq-source-offset',
  DeadLetterConsumerGroup = 'dlq-consumer-group',
}

/** The headers the consumer adds to a message it parks in a dead-letter topic (why, and where from). */
export const DEAD_LETTER_HEADERS = [
  EventHeader.DeadLetterReason,
  EventHeader.DeadLetterDetail,
  EventHeader.DeadLetterSourceTopic,
  EventHeader.DeadLetterSourcePartition,
  EventHeader.DeadLetterSourceOffset,
  EventHeader.DeadLetterConsumerGroup,
] as const;
