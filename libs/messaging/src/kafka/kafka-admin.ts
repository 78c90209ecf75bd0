import { Admin, findErrorBy, ListOffsetTimestamps } from '@platformatic/kafka';
import { baseOptions } from './kafka-clients';
import { KafkaSettings } from './kafka-settings';

export interface NewTopics {
  partitions: number;
  replicationFactor?: number;
}

/**
 * The cluster operations Respire needs: readiness, topics (dev, CI and tests; production topics
 * are KafkaTopic resources), consumer groups and their lag.
 */
export class KafkaAdmin {
  private readonly admin: Admin;

  constructor(settings: KafkaSettings) {
    this.admin = new Admin(baseOptions(settings));
  }

  /** Succeeds when a broker answers a metadata request. */
  async ping(): Promise<void> {
    await this.admin.metadata({ topics: [], forceUpdate: true });
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  /** Creates the topics that do not exist yet, and waits until each partition has a leader. */
  async createTopics(names: string[], { partitions, replicationFactor = 1 }: NewTopics): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length === 0) return;
    try {
      await this.admin.createTopics({ topics: missing, partitions, replicas: replicationFactor });
    } catch (error) {
      // Another process (a replica of this service, another service on the same prefix) won the race.
      if (!findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw error;
    }
    await this.waitForLeaders(missing);
  }

  async deleteTopics(names: string[]): Promise<void> {
    if (names.length > 0) await this.admin.deleteTopics({ topics: names });
  }

  async consumerGroups(prefix = ''): Promise<string[]> {
    const groups = await this.admin.listGroups();
    return [...groups.keys()].filter((id) => id.startsWith(prefix));
  }

  /** Deletes empty groups; a group with members left is not deleted (it expires once empty). */
  async deleteGroups(groupIds: string[]): Promise<void> {
    if (groupIds.length > 0) await this.admin.deleteGroups({ groups: groupIds });
  }

  /**
   * Messages on each topic not yet committed by the group: from its committed offset, or from the
   * partition's first offset where it never committed, to the partition's end.
   */
  async consumerLag(groupId: string, topics: string[]): Promise<Map<string, number>> {
    const [group] = await this.admin.listConsumerGroupOffsets({ groups: [groupId] });
    const committed = new Map<string, bigint>();
    for (const topic of group?.topics ?? []) {
      for (const partition of topic.partitions)
        committed.set(`${topic.name}:${partition.partitionIndex}`, partition.committedOffset);
    }
    const [starts, ends] = await Promise.all([
      this.offsets(topics, ListOffsetTimestamps.EARLIEST),
      this.offsets(topics, ListOffsetTimestamps.LATEST),
    ]);
    const lag = new Map<string, number>(topics.map((topic) => [topic, 0]));
    for (const [key, end] of ends) {
      const done = committed.get(key) ?? -1n;
      const from = done < 0n ? starts.get(key)! : done;
      const topic = key.slice(0, key.lastIndexOf(':'));
      lag.set(topic, lag.get(topic)! + Number(end - from));
    }
    return lag;
  }

  /** Each partition's first and next offsets (`topic:partition` → [start, end)). */
  async offsetRanges(topics: string[]): Promise<Map<string, { start: bigint; end: bigint }>> {
    const [starts, ends] = await Promise.all([
      this.offsets(topics, ListOffsetTimestamps.EARLIEST),
      this.offsets(topics, ListOffsetTimestamps.LATEST),
    ]);
    return new Map([...ends].map(([key, end]) => [key, { start: starts.get(key) ?? end, end }]));
  }

  /** Partitions whose history no longer starts at offset 0 (retention or a deletion removed its beginning). */
  async truncatedPartitions(
    topics: string[],
  ): Promise<Array<{ topic: string; partition: number; start: bigint }>> {
    return [...(await this.offsetRanges(topics))]
      .filter(([, { start }]) => start > 0n)
      .map(([key, { start }]) => ({
        topic: key.slice(0, key.lastIndexOf(':')),
        partition: Number(key.slice(key.lastIndexOf(':') + 1)),
        start,
      }));
  }

  /** Deletes a partition's records before `offset`, as retention does (tests of what must survive it). */
  async deleteRecordsBefore(topic: string, partition: number, offset: bigint): Promise<void> {
    await this.admin.deleteRecords({ topics: [{ name: topic, partitions: [{ partition, offset }] }] });
  }

  close(): Promise<void> {
    return this.admin.close();
  }

  /** `topic:partition` → offset at `timestamp` (earliest or latest). */
  private async offsets(topics: string[], timestamp: bigint): Promise<Map<string, bigint>> {
    const metadata = await this.admin.metadata({ topics, forceUpdate: true });
    const listed = await this.admin.listOffsets({
      topics: topics.map((name) => ({
        name,
        partitions: Array.from(
          { length: metadata.topics.get(name)!.partitionsCount },
          (_, partitionIndex) => ({
            partitionIndex,
            timestamp,
          }),
        ),
      })),
    });
    const offsets = new Map<string, bigint>();
    for (const topic of listed) {
      for (const partition of topic.partitions)
        offsets.set(`${topic.name}:${partition.partitionIndex}`, partition.offset);
    }
    return offsets;
  }

  private async waitForLeaders(topics: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const metadata = await this.admin.metadata({ topics, forceUpdate: true }).catch(() => null);
      const led =
        metadata && topics.every((t) => metadata.topics.get(t)?.partitions.every((p) => p.leader >= 0));
      if (led) return;
      if (Date.now() > deadline)
        throw new Error(`Topics ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
