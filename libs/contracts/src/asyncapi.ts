import { z } from 'zod';
import { envelopeSchema } from './envelope';
import { EventDefinition } from './event-definition';
import { ALL_EVENTS } from './events';
import { REJECTION_REASONS } from './registry';
import { ALL_TOPICS, DEAD_LETTER_HEADERS, deadLetterTopic, EventHeader, Topic } from './topics';

/*
 * Builds the AsyncAPI 3.0 document of the event contract from the registered definitions.
 * Plain data, no YAML here (scripts/asyncapi.ts renders and writes it), so this module has no
 * dependency beyond zod. The output depends only on its inputs, in a stable order.
 */

type JsonObject = Record<string, unknown>;

export interface AsyncApiDocument extends JsonObject {
  asyncapi: '3.0.0';
  info: JsonObject;
  channels: Record<string, JsonObject>;
  operations: Record<string, JsonObject>;
  components: { messages: Record<string, JsonObject>; schemas: Record<string, JsonObject> };
}

/** Which service produces each topic (one topic per producing domain). */
export const TOPIC_PRODUCERS: Readonly<Record<Topic, string>> = {
  [Topic.Catalog]: 'catalog',
  [Topic.Registration]: 'registration',
  [Topic.Notifications]: 'notifications',
  // Surveys live in the reporting service (apps/reporting/src/surveys), beside the reports they feed.
  [Topic.Surveys]: 'reporting',
};

const KAFKA_BINDING_VERSION = '0.5.0';
const DEAD_LETTER_MESSAGE = 'deadLetter';

/** The AsyncAPI message id of an event version: `<type>.v<version>`. */
export function asyncApiMessageId(definition: Pick<EventDefinition, 'type' | 'version'>): string {
  return `${definition.type}.v${definition.version}`;
}

/** JSON Schema (draft-07, the base of AsyncAPI schemas) of a zod schema, as a reader of the contract sees it. */
function jsonSchema(schema: z.ZodType): JsonObject {
  // io 'input': objects do not say additionalProperties:false, since optional fields may be
  // added inside a version and a consumer must accept them.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
  }) as JsonObject;
  return rest;
}

function channelId(topic: Topic): string {
  return `${TOPIC_PRODUCERS[topic]}Events`;
}

function deadLetterChannelId(topic: Topic): string {
  return `${channelId(topic)}DeadLetter`;
}

function byTopicTypeVersion(a: EventDefinition, b: EventDefinition): number {
  return (
    ALL_TOPICS.indexOf(a.topic) - ALL_TOPICS.indexOf(b.topic) ||
    (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) ||
    a.version - b.version
  );
}

function eventHeaders(definition: EventDefinition): JsonObject {
  return {
    type: 'object',
    properties: {
      [EventHeader.Type]: { type: 'string', const: definition.type },
      [EventHeader.Version]: { type: 'string', const: String(definition.version) },
      [EventHeader.TenantId]: { type: 'string', format: 'uuid' },
      [EventHeader.CorrelationId]: { type: 'string' },
      [EventHeader.TraceParent]: {
        type: 'string',
        description: 'W3C trace context of the producing request',
      },
    },
    required: [EventHeader.Type, EventHeader.Version, EventHeader.TenantId, EventHeader.CorrelationId],
  };
}

function deadLetterHeaders(): JsonObject {
  return {
    type: 'object',
    description: 'The original record headers (when it had them), plus the dlq-* headers.',
    properties: {
      [EventHeader.Type]: { type: 'string' },
      [EventHeader.Version]: { type: 'string' },
      [EventHeader.TenantId]: { type: 'string' },
      [EventHeader.CorrelationId]: { type: 'string' },
      [EventHeader.TraceParent]: { type: 'string' },
      [EventHeader.DeadLetterReason]: {
        type: 'string',
        description: `why the record was parked: ${REJECTION_REASONS.join(', ')}, or a reason the consumer gives (e.g. its handler kept failing)`,
      },
      [EventHeader.DeadLetterDetail]: {
        type: 'string',
        description: 'human-readable detail (validation errors, error message)',
      },
      [EventHeader.DeadLetterSourceTopic]: { type: 'string' },
      [EventHeader.DeadLetterSourcePartition]: { type: 'string' },
      [EventHeader.DeadLetterSourceOffset]: { type: 'string' },
      [EventHeader.DeadLetterConsumerGroup]: {
        type: 'string',
        description: 'the consumer group that parked it',
      },
    },
    required: [...DEAD_LETTER_HEADERS],
  };
}

const EXAMPLE_TENANT_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01';
const EXAMPLE_EVENT_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c0b';
const EXAMPLE_CORRELATION_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c0c';

/** The example's subject: its first `…Id` field (the documented aggregate comes first in every schema). */
function exampleSubject(example: unknown): string {
  const entry = Object.entries(example as JsonObject).find(
    ([key, value]) => key.endsWith('Id') && typeof value === 'string',
  );
  return entry ? (entry[1] as string) : EXAMPLE_TENANT_ID;
}

function messageExamples(definition: EventDefinition): JsonObject[] | undefined {
  if (definition.example === undefined) return undefined;
  return [
    {
      name: 'example',
      headers: {
        [EventHeader.Type]: definition.type,
        [EventHeader.Version]: String(definition.version),
        [EventHeader.TenantId]: EXAMPLE_TENANT_ID,
        [EventHeader.CorrelationId]: EXAMPLE_CORRELATION_ID,
      },
      payload: {
        id: EXAMPLE_EVENT_ID,
        type: definition.type,
        version: definition.version,
        tenantId: EXAMPLE_TENANT_ID,
        occurredAt: '2026-01-15T08:00:00.000Z',
        source: TOPIC_PRODUCERS[definition.topic],
        subject: exampleSubject(definition.example),
        correlationId: EXAMPLE_CORRELATION_ID,
        causationId: null,
        data: definition.example,
      },
    },
  ];
}

function messageTags(dataSchema: JsonObject): JsonObject[] | undefined {
  const properties = (dataSchema.properties ?? {}) as JsonObject;
  const tags: JsonObject[] = [];
  if ('email' in properties) {
    tags.push({
      name: 'personal-data',
      description: 'carries an email address and first name to write to the participant',
    });
  }
  if ('links' in properties) {
    tags.push({
      name: 'participant-links',
      description: 'carries signed participant links: whoever reads them can act for the participant',
    });
  }
  return tags.length > 0 ? tags : undefined;
}

function eventMessage(definition: EventDefinition): JsonObject {
  const payloadSchema = envelopeSchema.extend({
    type: z.literal(definition.type),
    version: z.literal(definition.version),
    data: definition.schema,
  });
  const dataSchema = jsonSchema(definition.schema);
  const message: JsonObject = {
    name: asyncApiMessageId(definition),
    title: `${definition.type} v${definition.version}`,
    summary: definition.description,
    contentType: 'application/json',
    headers: eventHeaders(definition),
    payload: jsonSchema(payloadSchema),
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description: `partition key: ${definition.keyedBy ?? 'see the event description'}`,
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
  const tags = messageTags(dataSchema);
  if (tags) message.tags = tags;
  const examples = messageExamples(definition);
  if (examples) message.examples = examples;
  return message;
}

function deadLetterMessage(): JsonObject {
  return {
    name: DEAD_LETTER_MESSAGE,
    title: 'Dead letter',
    summary:
      'A record a consumer could not handle, copied unchanged (key, value, headers) with the dlq-* headers added.',
    headers: deadLetterHeaders(),
    payload: { description: 'the original record value, byte for byte (it may not be JSON)' },
  };
}

const DESCRIPTION = [
  'Domain events of the Respire platform, the public contract between its services (libs/contracts).',
  '',
  '- One topic per producing service. Every record value is a JSON envelope (id UUID v7, type, version, tenantId, occurredAt, source, subject = aggregate id, correlationId, causationId, data); `data` follows the schema of (type, version).',
  '- Keys: every catalog session event and every registration event is keyed by sessionId, so all events of one session stay in order; tenant events by tenantId; other aggregates by their own id. Keys are UTF-8 strings placed on partitions as Apache Kafka’s Java producer places them (murmur2 of the key bytes, made positive, modulo the partition count): another producer of these events must partition the same way.',
  '- Versioning: inside a version only optional fields are added (consumers must ignore fields they do not know); anything else is a new version of the event, published alongside the old one.',
  '- A consumer validates every record; what it cannot handle goes to `<topic>.dlq` and it moves on.',
  '- Personal data is kept to what a consumer needs. Events tagged `personal-data` or `participant-links` are sensitive: restrict read access to their topic (and its dead-letter topic) and never log their values.',
].join('\n');

/** The AsyncAPI 3.0 document of the given event definitions and topics. */
export function buildAsyncApiDocument(
  definitions: readonly EventDefinition[] = ALL_EVENTS,
  topics: readonly Topic[] = ALL_TOPICS,
): AsyncApiDocument {
  const sorted = [...definitions].sort(byTopicTypeVersion);
  const messages: Record<string, JsonObject> = {};
  for (const definition of sorted) messages[asyncApiMessageId(definition)] = eventMessage(definition);
  messages[DEAD_LETTER_MESSAGE] = deadLetterMessage();

  const channels: Record<string, JsonObject> = {};
  const operations: Record<string, JsonObject> = {};
  for (const topic of topics) {
    const producer = TOPIC_PRODUCERS[topic];
    const ids = sorted.filter((definition) => definition.topic === topic).map(asyncApiMessageId);
    const id = channelId(topic);
    const dlqId = deadLetterChannelId(topic);

    channels[id] = {
      address: topic,
      title: topic,
      description: `Domain events published by the ${producer} service, through its transactional outbox.`,
      messages: Object.fromEntries(
        ids.map((messageId) => [messageId, { $ref: `#/components/messages/${messageId}` }]),
      ),
    };
    channels[dlqId] = {
      address: deadLetterTopic(topic),
      title: deadLetterTopic(topic),
      description:
        `Dead-letter topic of ${topic}: records a consumer could not handle (unparseable, invalid envelope, ` +
        'unknown type or version, invalid data, or a handler that kept failing), with their original key, value and ' +
        'headers. The dlq-consumer-group header tells which consumer parked each one.',
      messages: { [DEAD_LETTER_MESSAGE]: { $ref: `#/components/messages/${DEAD_LETTER_MESSAGE}` } },
    };

    operations[`${producer}PublishesEvents`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      title: `${producer} publishes its events`,
      summary: `The ${producer} service relays the events written to its outbox to ${topic}.`,
      messages: ids.map((messageId) => ({ $ref: `#/channels/${id}/messages/${messageId}` })),
    };
    operations[`${producer}EventsDeadLettered`] = {
      action: 'send',
      channel: { $ref: `#/channels/${dlqId}` },
      title: `consumers park ${topic} records`,
      summary: `Any consumer of ${topic} sends a record it cannot handle to ${deadLetterTopic(topic)} and moves on.`,
      messages: [{ $ref: `#/channels/${dlqId}/messages/${DEAD_LETTER_MESSAGE}` }],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Respire domain events',
      version: '1.0.0',
      description: DESCRIPTION,
    },
    defaultContentType: 'application/json',
    servers: {
      development: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'Single-node KRaft broker for development and tests (scripts/infra/kafka.sh).',
      },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: { EventEnvelope: jsonSchema(envelopeSchema) },
    },
  };
}
