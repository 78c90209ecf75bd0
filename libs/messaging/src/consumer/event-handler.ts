import { EntityManager } from 'typeorm';
import { EventDefinition, EventData, EventEnvelope } from '@respire/contracts';

export interface EventContext {
  /** The handler's transaction: the inbox row and the handler's writes commit together. */
  readonly manager: EntityManager;
  readonly tenantId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type EventHandlerFn<TDef extends EventDefinition = EventDefinition> = (
  event: EventEnvelope<EventData<TDef>>,
  context: EventContext,
) => Promise<void>;

export interface EventHandlerRegistration {
  readonly definition: EventDefinition;
  readonly name: string;
  readonly handle: EventHandlerFn;
}
