import { EventDefinition } from '../event-definition';
import { SESSION_PUBLISHED_V1 } from './catalog/session-published.v1';

export * from './catalog/session-published.v1';

/** Every event version the platform knows. A consumer rejects (to the DLQ) anything not listed. */
export const ALL_EVENTS: readonly EventDefinition[] = [SESSION_PUBLISHED_V1];
