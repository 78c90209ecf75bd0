import { EventEnvelope, eventKey } from '@respire/contracts';
import { EventBatchContext, EventBatchHandler } from '@respire/messaging';
import { ReadModelGeneration } from '../infrastructure/read-model-generation';
import { BatchWriter } from './batch-writer';
import { EVENT_MAPPERS, EventMapper } from './event-mappers';
import { ProjectionBatch } from './projection-batch';

/**
 * Most events of one partition projected in one transaction. A batch costs a handful of round
 * trips whatever its size (about fifteen), and its participants' rollups cost what they touch,
 * not its events: large batches amortise both; a backlog or a replay (rebuild) fills them.
 */
export const PROJECTION_BATCH_SIZE = 5000;

/**
 * Projects every event of the three topics into one generation's read models, a batch at a time
 * (the consumer's batch handler: one transaction per batch of a partition, per tenant).
 *
 * Idempotent: the consumer's inbox lets each event through once per consumer group (one group
 * per generation), for a batch as for one event. Order-tolerant where keys differ: events of one
 * session (catalog) and of one session's registrations (registration) are each in order, and a
 * batch folds them in that order; but the two topics and the participant-keyed erasure
 * interleave freely, so
 *  - a registration may arrive before its session: a `placeholder` session row holds what the
 *    registration's snapshot says until the catalog's events fill it;
 *  - session times, venue names and participant profiles keep the newest version (by the
 *    session's reschedule sequence or the event's time), whatever the arrival order;
 *  - an erasure may arrive before the participant's registrations (in a replay): the
 *    participant row it leaves maps them to the same stand-in id.
 * Activity attributes (title, category, confidential, programme) are joined at read time, so
 * an activity update applies to sessions whichever arrives first.
 */
export class ReadModelProjector implements EventBatchHandler {
  readonly name: string;
  readonly definitions = EVENT_MAPPERS.map((mapper) => mapper.definition);
  private readonly mappers = new Map<string, EventMapper>(
    EVENT_MAPPERS.map((mapper) => [eventKey(mapper.definition.type, mapper.definition.version), mapper]),
  );
  private readonly writer: BatchWriter;

  constructor(generation: ReadModelGeneration) {
    this.name = `reporting.g${generation.generation}`;
    this.writer = new BatchWriter(generation);
  }

  async handleBatch(events: EventEnvelope[], context: EventBatchContext): Promise<void> {
    const batch = new ProjectionBatch();
    for (const event of events) this.mappers.get(eventKey(event.type, event.version))!.map(event, batch);
    await this.writer.write(context.manager, context.tenantId, batch);
  }
}
