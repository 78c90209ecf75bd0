import { KafkaAdmin } from '@respire/messaging';

/**
 * Messages on `topics` not yet committed by `groupId` (all prefixed names): how far a
 * projection is behind. A partition the group never committed counts from its first offset.
 */
export async function consumerLag(admin: KafkaAdmin, groupId: string, topics: string[]): Promise<number> {
  let lag = 0;
  for (const messages of (await admin.consumerLag(groupId, topics)).values()) lag += messages;
  return lag;
}
