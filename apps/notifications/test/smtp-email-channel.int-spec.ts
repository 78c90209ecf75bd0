import { createConnection, createServer, Server, Socket } from 'node:net';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { waitFor } from '@respire/testing';
import { OutgoingMessage } from '../src/deliveries/channels/delivery-channel';
import { SmtpEmailChannel } from '../src/deliveries/channels/smtp-email.channel';

/** A TCP relay in front of the SMTP test server that counts the connections open through it. */
async function connectionCounter(
  target: SmtpTestServer,
): Promise<{ url: string; open: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = createConnection(target.port, target.host);
    client.pipe(upstream).pipe(client);
    const end = () => {
      sockets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    open: () => sockets.size,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const message = (i: number): OutgoingMessage => ({
  from: { name: 'CPTS de test', address: 'ne-pas-repondre@respire.example.org' },
  replyTo: null,
  to: { name: `P${i}`, address: `pool${i}@example.org` },
  subject: `Message ${i}`,
  html: `<p>Bonjour ${i}</p>`,
  text: `Bonjour ${i}`,
  messageId: `<pool-${i}@respire.example.org>`,
  calendar: null,
  unsubscribeUrl: null,
  headers: {},
});

describe('SMTP channel (pooled connections)', () => {
  let smtp: SmtpTestServer;
  let relay: Awaited<ReturnType<typeof connectionCounter>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    relay = await connectionCounter(smtp);
  });

  afterAll(async () => {
    await relay?.close();
    await smtp?.close();
  });

  it('sends many messages over at most its pool of connections, and on shutdown lets those in flight finish, then closes every connection', async () => {
    const channel = new SmtpEmailChannel(relay.url, 3);
    const prepared = await Promise.all(Array.from({ length: 30 }, (_, i) => channel.prepare(message(i))));
    const sends = prepared.map((one) => channel.send(one));
    await waitFor(
      async () => relay.open(),
      (open) => open > 0,
      { what: 'the pool connecting' },
    );
    expect(relay.open()).toBeLessThanOrEqual(3);
    const shutdown = channel.onApplicationShutdown();
    const receipts = await Promise.all(sends);
    await shutdown;

    expect(receipts.every((r) => r.providerMessageId.length > 0)).toBe(true);
    const received = smtp.messages().filter((m) => m.subject.startsWith('Message '));
    expect(received.map((m) => m.messageId).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `<pool-${i}@respire.example.org>`).sort(),
    );
    await waitFor(
      async () => relay.open(),
      (open) => open === 0,
      { what: 'every pooled connection closed' },
    );
  });
});
