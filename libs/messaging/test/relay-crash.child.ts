/**
 * Runs an outbox relay that dies (SIGKILL) right after Kafka acknowledged its first batch,
 * before the rows are marked published: the crash window the outbox must survive.
 */
import { MessageProducer, OutboxRelay } from '../src';

async function main(): Promise<void> {
  const [databaseUrl, brokers, prefix] = process.argv.slice(2);
  const producer = new MessageProducer({ clientId: 'relay-crash', brokers: brokers.split(',') });
  const relay = new OutboxRelay({ connectionString: databaseUrl }, producer, {
    service: 'crash-test',
    topicPrefix: prefix,
    afterPublish: async (ids) => {
      process.stdout.write(`published ${ids.length}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  relay.start();
}

void main();
