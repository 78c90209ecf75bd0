import { Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';

export interface KafkaSettings {
  clientId: string;
  brokers: string[];
  /** Prepended to every topic and consumer group: lets test runs and environments share a cluster. */
  prefix?: string;
}

export type MessagingLog = (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra?: object) => void;

export const consoleLog: MessagingLog = (level, message, extra) => {
  if (level === 'debug') return;
  const line = JSON.stringify({ level, msg: message, ...extra });
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
};

export function createKafka(settings: KafkaSettings, log: MessagingLog = consoleLog): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...extra } = entry;
        // The relay bounds the producer's retries on purpose: it retries whole batches itself,
        // in order, with its own backoff, and must notice a broker that stays down.
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        log(level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'info', `kafka: ${message}`, extra);
      },
  });
}

/**
 * Idempotent producer with one request in flight per broker, so a retried send cannot reorder
 * messages of one key.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

export function prefixed(prefix: string | undefined, name: string): string {
  return `${prefix ?? ''}${name}`;
}
