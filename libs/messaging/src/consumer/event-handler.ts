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

export interface EventBatchContext {
  /** The batch's transaction: the inbox rows and the handler's writes commit together. */
  readonly manager: EntityManager;
  /** Every event handed over in one call belongs to this tenant (row-level security is set for it). */
  readonly tenantId: string;
  readonly topic: string;
  readonly partition: number;
}

/**
 * Handles a partition's backlog in one transaction instead of one event at a time: the consumer
 * hands over the events of a batch not seen before (the inbox filters redeliveries), one call per
 * tenant, each in offset order. Events of different tenants touch different rows, so only the
 * order within a tenant is kept.
 */
export interface EventBatchHandler {
  readonly name: string;
  readonly definitions: readonly EventDefinition[];
  handleBatch(events: EventEnvelope[], context: EventBatchContext): Promise<void>;
}
