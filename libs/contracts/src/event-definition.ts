import { z } from 'zod';
import { Topic } from './topics';

/**
 * One version of one event type: the public contract of a fact a service publishes.
 * Inside a version only optional fields may be added; anything else is a new version.
 */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: number;
  readonly topic: Topic;
  readonly description: string;
  readonly schema: TSchema;
  /** The Kafka key: events that must stay in order share it (e.g. all events of one session). */
  readonly partitionKey: (data: z.infer<TSchema>, tenantId: string) => string;
  /** For the documentation (AsyncAPI): what the Kafka key is, in words (e.g. `sessionId`). */
  readonly keyedBy?: string;
  /** A realistic payload, shown in the AsyncAPI document and checked against the schema by the tests. */
  readonly example?: z.infer<TSchema>;
}

export type EventData<TDef> = TDef extends EventDefinition<string, infer S> ? z.infer<S> : never;

export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
): EventDefinition<TType, TSchema> {
  return Object.freeze(definition);
}

/** The key of events that must stay in order within their session (most of them). */
export const keyedBySession = {
  partitionKey: (data: { sessionId: string }) => data.sessionId,
  keyedBy: 'sessionId',
} as const;

export function eventKey(type: string, version: number): string {
  return `${type}@v${version}`;
}
