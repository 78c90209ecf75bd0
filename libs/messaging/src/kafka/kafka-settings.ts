/** How a client names itself to the brokers, and which brokers it bootstraps from (`host:port`). */
export interface KafkaSettings {
  clientId: string;
  brokers: string[];
}

export type MessagingLog = (
  level: 'error' | 'warn' | 'info' | 'debug',
  message: string,
  extra?: object,
) => void;

export const consoleLog: MessagingLog = (level, message, extra) => {
  if (level === 'debug') return;
  const line = JSON.stringify({ level, msg: message, ...extra });
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
};

/** Prepended to every topic and consumer group: lets test runs and environments share a cluster. */
export function prefixed(prefix: string | undefined, name: string): string {
  return `${prefix ?? ''}${name}`;
}

/** An error's message with the causes the client nests in it ("produce failed 6 times. …"). */
export function errorDetail(error: unknown): string {
  const messages: string[] = [];
  const visit = (e: unknown) => {
    if (!(e instanceof Error)) return void messages.push(String(e));
    if (!messages.includes(e.message)) messages.push(e.message);
    if (e instanceof AggregateError) e.errors.forEach(visit);
    if (e.cause) visit(e.cause);
  };
  visit(error);
  return messages.join(' ');
}
