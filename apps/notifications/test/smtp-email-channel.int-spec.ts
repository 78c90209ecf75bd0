import { createConnection, createServer, Server, Socket } from 'node:net';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { waitFor } from '@respire/testing';
import { OutgoingMessage } from '../src/deliveries/channels/delivery-channel';
import { SmtpOptions, SmtpPool } from '../src/deliveries/channels/pipelining-smtp';
import { queueIdOf, SmtpEmailChannel } from '../src/deliveries/channels/smtp-email.channel';
import { classifySendFailure } from '../src/deliveries/domain/send-failure';

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

describe('SMTP channel (its own client: pipelining, STARTTLS, AUTH, refusals)', () => {
  interface Received {
    from: string;
    to: string[];
    body: string;
    user: string | undefined;
    secure: boolean;
  }

  /** An SMTP server offering what `options` say (STARTTLS with smtp-server's own self-signed certificate). */
  async function server(options: Partial<SMTPServerOptions>) {
    const received: Received[] = [];
    const commands: string[] = [];
    const smtp = new SMTPServer({
      authMethods: ['PLAIN', 'LOGIN'],
      authOptional: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'respire' && auth.password === 'p@ss:word')
          callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody'))
          return callback(
            Object.assign(new Error('5.1.1 <nobody@example.org>: no such user'), { responseCode: 550 }),
          );
        if (address.address.startsWith('later'))
          return callback(Object.assign(new Error('4.7.1 greylisted'), { responseCode: 451 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: (session.envelope.mailFrom as { address: string }).address,
            to: session.envelope.rcptTo.map((r) => r.address),
            body: Buffer.concat(chunks).toString('utf8'),
            user: session.user as string | undefined,
            secure: session.secure,
          });
          callback(null, 'Ok: queued as Q' + received.length);
        });
      },
      ...options,
    });
    smtp.on('error', () => undefined);
    (smtp as unknown as { server: Server }).server.on('connection', (socket: Socket) =>
      socket.on('data', (chunk: Buffer) => commands.push(chunk.toString('latin1'))),
    );
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = (smtp as unknown as { server: Server }).server.address() as { port: number };
    return {
      port,
      received,
      commands,
      close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
    };
  }

  const raw = (to: string) =>
    Buffer.from(
      `From: a@respire.example.org\r\nTo: ${to}\r\nSubject: test\r\n\r\nLigne 1\r\n.ligne qui commence par un point\r\n..deux\r\nfin`,
    );

  it('upgrades with STARTTLS, logs in, pipelines MAIL/RCPT/DATA and keeps the body intact (dot-stuffing)', async () => {
    const smtp = await server({ authOptional: false });
    const pool = new SmtpPool(options(smtp.port, { auth: { user: 'respire', pass: 'p@ss:word' } }), 2, 1000);
    try {
      const replies = await Promise.all(
        [1, 2, 3].map((i) =>
          pool.send({ from: 'a@respire.example.org', to: [`p${i}@example.org`] }, raw('x')),
        ),
      );
      expect(replies.map((r) => queueIdOf(r))).toEqual(expect.arrayContaining(['Q1', 'Q2', 'Q3']));
      expect(smtp.received).toHaveLength(3);
      for (const mail of smtp.received) {
        expect(mail).toMatchObject({ from: 'a@respire.example.org', user: 'respire', secure: true });
        expect(mail.body).toContain('\r\n.ligne qui commence par un point\r\n..deux\r\nfin\r\n');
      }
    } finally {
      await pool.close();
      await smtp.close();
    }
  });

  it('without PIPELINING, one command at a time (AUTH LOGIN); with it, MAIL, RCPT and DATA in one write', async () => {
    const sequential = await server({ hidePIPELINING: true, hideSTARTTLS: true, authMethods: ['LOGIN'] });
    const pipelined = await server({ hideSTARTTLS: true });
    const one = new SmtpPool(
      options(sequential.port, { auth: { user: 'respire', pass: 'p@ss:word' } }),
      1,
      1000,
    );
    const two = new SmtpPool(options(pipelined.port), 1, 1000);
    try {
      await one.send({ from: 'a@respire.example.org', to: ['p@example.org'] }, raw('p@example.org'));
      await two.send({ from: 'a@respire.example.org', to: ['p@example.org'] }, raw('p@example.org'));
      expect(sequential.received[0].user).toBe('respire');
      expect(sequential.commands.some((c) => /^MAIL FROM:<a@respire\.example\.org>\r\n$/.test(c))).toBe(true);
      expect(
        pipelined.commands.some((c) =>
          /^MAIL FROM:<a@respire\.example\.org>\r\nRCPT TO:<p@example\.org>\r\nDATA\r\n$/.test(c),
        ),
      ).toBe(true);
      expect(pipelined.received).toHaveLength(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await Promise.all([sequential.close(), pipelined.close()]);
    }
  });

  it('reports refusals as classifySendFailure reads them, and the connection goes on serving', async () => {
    const smtp = await server({ hideSTARTTLS: true });
    const pool = new SmtpPool(options(smtp.port), 1, 1000);
    try {
      const refused = await pool
        .send({ from: 'a@respire.example.org', to: ['nobody@example.org'] }, raw('x'))
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ responseCode: 550 });
      expect(classifySendFailure(refused)).toMatchObject({
        permanent: true,
        reason: expect.stringContaining('550'),
      });
      expect(classifySendFailure(refused).reason).not.toContain('nobody@example.org');
      const later = await pool
        .send({ from: 'a@respire.example.org', to: ['later@example.org'] }, raw('x'))
        .catch((e: unknown) => e);
      expect(classifySendFailure(later)).toMatchObject({ permanent: false });
      await pool.send({ from: 'a@respire.example.org', to: ['ok@example.org'] }, raw('x'));
      expect(smtp.received.map((m) => m.to)).toEqual([['ok@example.org']]);
    } finally {
      await pool.close();
      await smtp.close();
    }
  });

  it('a refused login, a server gone: temporary failures', async () => {
    const smtp = await server({ hideSTARTTLS: true, authOptional: false });
    const pool = new SmtpPool(options(smtp.port, { auth: { user: 'respire', pass: 'wrong' } }), 1, 1000);
    const login = await pool
      .send({ from: 'a@x.org', to: ['p@example.org'] }, raw('x'))
      .catch((e: unknown) => e);
    expect(login).toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect(classifySendFailure(login).permanent).toBe(false);
    await pool.close();
    await smtp.close();
    const gone = new SmtpPool(options(smtp.port), 1, 1000);
    const refused = await gone
      .send({ from: 'a@x.org', to: ['p@example.org'] }, raw('x'))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'ECONNECTION' });
    expect(classifySendFailure(refused).permanent).toBe(false);
  });
});

function options(port: number, over: Partial<SmtpOptions> = {}): SmtpOptions {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: false,
    ignoreTLS: false,
    rejectUnauthorized: false,
    clientName: 'respire.test',
    connectionTimeoutMs: 5000,
    socketTimeoutMs: 5000,
    ...over,
  };
}
