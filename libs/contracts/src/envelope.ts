import { z } from 'zod';

/**
 * The envelope every event travels in (docs/architecture.md, events). `data` is checked separately, against the
 * schema registered for (type, version), so that an unknown type can be told apart from a
 * malformed envelope.
 */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z][a-z-]*)+$/, 'type must look like context.[aggregate.]fact'),
  version: z.number().int().positive(),
  tenantId: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  subject: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  data: z.unknown(),
});

export type EventEnvelope<TData = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData };
