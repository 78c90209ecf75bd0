import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { deadLetterTopic, eventRegistry, Topic } from '@respire/contracts';
import { createTestDatabase, createTestKafka, TestDatabase, TestKafka, waitFor } from '@respire/testing';
import { DeadLetters, EventConsumer, MessageProducer, MessagingTables1763900000000 } from '../src';
import { EffectsTable1763900000001, recordEffect, sessionPublished } from './fixtures';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const tenantId = uuidv7();

/**
 * A consumer parks an event its handler cannot take (a bug); `npm run dlq` lists it and shows why;
 * once the bug is fixed, replaying it applies it, once, and replaying it again changes nothing.
 */
describe('dead letters: list, show, replay (real PostgreSQL and Kafka)', () => {
  let kafka: TestKafka;
  let db: TestDatabase;
  let data: DataSource;
  let producer: MessageProducer;
  let consumer: EventConsumer;
  let buggy = true;

  beforeAll(async () => {
    kafka = await createTestKafka();
    db = await createTestDatabase([MessagingTables1763900000000, EffectsTable1763900000001]);
    data = await db.dataSource();
    producer = new MessageProducer(kafka.settings);
    const handler = {
      ...recordEffect,
      handle: async (...args: Parameters<typeof recordEffect.handle>) => {
        if (buggy) throw new Error('projection bug');
        return recordEffect.handle(...args);
      },
    };
    consumer = new EventConsumer(kafka.settings, producer, data, eventRegistry, [handler], {
      groupId: 'projector',
      topics: [Topic.Catalog],
      prefix: kafka.prefix,
      retryInitialMs: 10,
      maxAttempts: 2,
      log: () => undefined,
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.close();
    await db?.drop();
    await kafka?.cleanup();
  });

  const cli = async (...args: string[]) =>
    (
      await run(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'scripts', 'dlq.ts'), ...args], {
        cwd: ROOT,
        env: { ...process.env, KAFKA_BROKERS: kafka.settings.brokers.join(','), KAFKA_PREFIX: kafka.prefix },
      })
    ).stdout;

  it('lists the parked event with its reason, replays it once fixed, and a second replay changes nothing', async () => {
    const sessionId = uuidv7();
    const event = sessionPublished(tenantId, sessionId);
    await producer.send([
      { topic: kafka.prefix + Topic.Catalog, key: sessionId, value: JSON.stringify(event) },
    ]);

    const dlq = new DeadLetters(kafka.settings, kafka.prefix);
    const [letter] = await waitFor(
      () => dlq.list(),
      (letters) => letters.length === 1,
      { what: 'the dead letter' },
    );
    expect(letter).toMatchObject({
      topic: kafka.prefix + deadLetterTopic(Topic.Catalog),
      eventId: event.id,
      eventType: 'catalog.session.published',
      reason: 'handler-failed',
      detail: 'projection bug',
      sourceTopic: kafka.prefix + Topic.Catalog,
      consumerGroup: `${kafka.prefix}projector`,
    });
    const listed = await cli('list');
    expect(listed).toContain('1 dead letter(s)');
    expect(listed).toContain(`${letter.id}\tcatalog.session.published\t${event.id}\thandler-failed`);
    expect(JSON.parse(await cli('show', letter.id))).toMatchObject({
      reason: 'handler-failed',
      value: { id: event.id },
    });

    buggy = false;
    expect(await cli('replay', letter.id)).toContain('replayed 1 dead letter(s)');
    const effects = () => data.query(`SELECT hits FROM effects WHERE session_id = $1`, [sessionId]);
    await waitFor(effects, (rows) => rows.length === 1, { what: 'the replayed event applied' });

    // Replayed again: the consumer's inbox has it. A later event on the same key shows the
    // consumer went past the second replay without applying it twice.
    await dlq.replay([letter]);
    const later = sessionPublished(tenantId, uuidv7());
    await producer.send([
      { topic: kafka.prefix + Topic.Catalog, key: sessionId, value: JSON.stringify(later) },
    ]);
    await waitFor(
      () => data.query(`SELECT 1 FROM effects WHERE event_id = $1`, [later.id]),
      (rows) => rows.length === 1,
      {
        what: 'the event after the second replay',
      },
    );
    expect(await effects()).toEqual([{ hits: 1 }]);
  });
});
