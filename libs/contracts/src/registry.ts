import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { envelopeSchema, EventEnvelope } from './envelope';
import { EventData, EventDefinition, eventKey } from './event-definition';
import { ALL_EVENTS } from './events';

/** Why an incoming record could not be accepted; used as the DLQ reason header. */
export const REJECTION_REASONS = [
  'unparseable',
  'invalid-envelope',
  'unknown-event',
  'invalid-data',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type ParseResult =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition }
  | { ok: false; reason: RejectionReason; detail: string };

export class EventRegistry {
  private readonly byKey = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      const key = eventKey(definition.type, definition.version);
      if (this.byKey.has(key)) throw new Error(`Event ${key} is registered twice`);
      this.byKey.set(key, definition);
    }
  }

  all(): EventDefinition[] {
    return [...this.byKey.values()];
  }

  find(type: string, version: number): EventDefinition | undefined {
    return this.byKey.get(eventKey(type, version));
  }

  /** Parses raw bytes from Kafka into a validated envelope, or says why it cannot. */
  parse(raw: Buffer | string | null): ParseResult {
    if (raw === null) return { ok: false, reason: 'unparseable', detail: 'empty message value' };
    let json: unknown;
    try {
      json = JSON.parse(raw.toString());
    } catch (error) {
      return { ok: false, reason: 'unparseable', detail: (error as Error).message };
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success)
      return { ok: false, reason: 'invalid-envelope', detail: z.prettifyError(envelope.error) };
    const definition = this.find(envelope.data.type, envelope.data.version);
    if (!definition) {
      return {
        ok: false,
        reason: 'unknown-event',
        detail: `no schema for ${eventKey(envelope.data.type, envelope.data.version)}`,
      };
    }
    const data = definition.schema.safeParse(envelope.data.data);
    if (!data.success) return { ok: false, reason: 'invalid-data', detail: z.prettifyError(data.error) };
    return { ok: true, envelope: { ...envelope.data, data: data.data }, definition };
  }
}

export const eventRegistry = new EventRegistry(ALL_EVENTS);

export interface NewEventOptions {
  tenantId: string;
  source: string;
  subject: string;
  correlationId?: string;
  causationId?: string | null;
  occurredAt?: Date;
  id?: string;
}

/** The data objects createEvent checked, with their definition (an envelope is not changed after it is built). */
const checkedData = new WeakMap<object, EventDefinition>();

/**
 * Whether `data` is what createEvent returned for `definition`, checked against its schema then:
 * the outbox need not check it again (a copy, or data of another definition, is not).
 */
export function isCheckedEventData(data: unknown, definition: EventDefinition): boolean {
  return typeof data === 'object' && data !== null && checkedData.get(data) === definition;
}

/**
 * Builds a validated envelope for a definition. Throws if the data does not match the schema:
 * a producer never publishes what its own contract refuses.
 */
export function createEvent<TDef extends EventDefinition>(
  definition: TDef,
  data: EventData<TDef>,
  options: NewEventOptions,
): EventEnvelope<EventData<TDef>> {
  const parsed = definition.schema.parse(data) as EventData<TDef>;
  if (typeof parsed === 'object' && parsed !== null) checkedData.set(parsed, definition);
  const id = options.id ?? uuidv7();
  return {
    id,
    type: definition.type,
    version: definition.version,
    tenantId: options.tenantId,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    source: options.source,
    subject: options.subject,
    correlationId: options.correlationId ?? id,
    causationId: options.causationId ?? null,
    data: parsed,
  };
}
