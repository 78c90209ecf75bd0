import { createEvent, EventData, EventDefinition, EventEnvelope } from '@respire/contracts';
import { RequestContext } from '@respire/platform';

export const CATALOG_SOURCE = 'catalog';

/** An event of the catalog, carrying the request's correlation id when there is one. */
export function catalogEvent<TDef extends EventDefinition>(
  definition: TDef,
  data: EventData<TDef>,
  options: { tenantId: string; subject: string; occurredAt?: Date },
): EventEnvelope<EventData<TDef>> {
  return createEvent(definition, data, {
    tenantId: options.tenantId,
    subject: options.subject,
    source: CATALOG_SOURCE,
    correlationId: RequestContext.correlationId(),
    occurredAt: options.occurredAt,
  });
}
