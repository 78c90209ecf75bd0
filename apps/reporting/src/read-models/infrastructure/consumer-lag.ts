import { Admin } from 'kafkajs';

/**
 * Messages on `topics` not yet committed by `groupId` (all prefixed names): how far a
 * projection is behind. A partition the group never committed counts from its low watermark.
 */
export async function consumerLag(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  let lag = 0;
  const committed = await admin.fetchOffsets({ groupId, topics });
  for (const topic of topics) {
    const latest = await admin.fetchTopicOffsets(topic);
    const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const partition of latest) {
      const offset = BigInt(done.find((p) => p.partition === partition.partition)?.offset ?? '-1');
      const from = offset < 0n ? BigInt(partition.low) : offset;
      lag += Number(BigInt(partition.high) - from);
    }
  }
  return lag;
}
