import { EventDefinition } from '@respire/contracts';

export const HANDLE_EVENT_METADATA = 'respire:handle-event';

/**
 * Marks a provider method as the handler of one event version, or of a list handled alike:
 * `@HandleEvent(SESSION_PUBLISHED_V1) async onPublished(event, context) { … }`.
 * The method runs in the consumer's transaction, with the event's tenant set.
 */
export function HandleEvent(handled: EventDefinition | readonly EventDefinition[]): MethodDecorator {
  const definitions = Array.isArray(handled) ? handled : [handled];
  return (target, propertyKey) => {
    const existing: EventDefinition[] = Reflect.getMetadata(HANDLE_EVENT_METADATA, target, propertyKey) ?? [];
    Reflect.defineMetadata(HANDLE_EVENT_METADATA, [...existing, ...definitions], target, propertyKey);
  };
}
