/**
 * Inspects and re-drives dead letters (the `<topic>.dlq` topics consumers park what they cannot
 * handle in). Reading changes nothing.
 *
 *   npm run dlq -- list                          every dead letter: id, event, reason, consumer group
 *   npm run dlq -- show <id>                     one dead letter whole: headers, reason, payload
 *   npm run dlq -- replay <id> [<id> …]          publish them again to the topic they came from
 *   npm run dlq -- replay --all [--reason R] [--group G]
 *
 * <id> is `<dlq topic>:<partition>:<offset>`, as `list` prints it. Brokers and topic prefix come
 * from KAFKA_BROKERS and KAFKA_PREFIX, as for the services. A replayed event that a consumer
 * already handled is skipped by its inbox; replay once the cause is fixed (a new release, data
 * corrected), or the consumer parks it again.
 *
 * Relative imports: the @respire/* aliases are not resolved when run through @swc-node/register.
 */
import { DeadLetter, DeadLetters } from '../libs/messaging/src/dlq/dead-letters';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function summary(letter: DeadLetter): string {
  return [
    letter.id,
    letter.eventType ?? '?',
    letter.eventId ?? '?',
    letter.reason ?? '?',
    letter.consumerGroup ?? '?',
    (letter.detail ?? '').slice(0, 80),
  ].join('\t');
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
  const dlq = new DeadLetters({ clientId: 'respire-dlq', brokers }, process.env.KAFKA_PREFIX ?? '');
  if (command === 'list') {
    const letters = await dlq.list();
    process.stdout.write(`${letters.length} dead letter(s)\n`);
    if (letters.length > 0)
      process.stdout.write(
        ['id', 'event', 'event id', 'reason', 'consumer group', 'detail'].join('\t') + '\n',
      );
    for (const letter of letters) process.stdout.write(summary(letter) + '\n');
    return 0;
  }
  if (command === 'show' && rest[0]) {
    const letter = (await dlq.list()).find((l) => l.id === rest[0]);
    if (!letter) {
      process.stderr.write(`no dead letter ${rest[0]} (npm run dlq -- list)\n`);
      return 1;
    }
    let payload: unknown = letter.value;
    try {
      payload = JSON.parse(letter.value ?? 'null');
    } catch {
      // shown as stored
    }
    process.stdout.write(
      JSON.stringify({ ...letter, offset: letter.offset.toString(), value: payload }, null, 2) + '\n',
    );
    return 0;
  }
  if (command === 'replay') {
    const letters = await dlq.list();
    const reason = option(rest, 'reason');
    const group = option(rest, 'group');
    const chosen = rest.includes('--all')
      ? letters.filter((l) => (!reason || l.reason === reason) && (!group || l.consumerGroup === group))
      : rest
          .filter((id) => !id.startsWith('--'))
          .map((id) => {
            const letter = letters.find((l) => l.id === id);
            if (!letter) throw new Error(`no dead letter ${id} (npm run dlq -- list)`);
            return letter;
          });
    if (chosen.length === 0) {
      process.stderr.write('nothing to replay: name dead letters by id, or --all\n');
      return 1;
    }
    const replayed = await dlq.replay(chosen);
    process.stdout.write(`replayed ${replayed} dead letter(s) to the topics they came from\n`);
    return 0;
  }
  process.stderr.write(
    'usage: npm run dlq -- list | show <id> | replay <id>… | replay --all [--reason R] [--group G]\n',
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`dlq: ${error.message}\n`);
    process.exit(1);
  },
);
