import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MessageProducer } from '@respire/messaging';
import { TestService, waitFor } from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { NotificationsEnv } from '../src/config/env.schema';
import {
  newSession,
  parisTime,
  person,
  publisher,
  registrationCancelled,
  registrationConfirmed,
  sessionPublished,
  tenantCreated,
} from './fixtures';
import { startNotifications } from './notifications-harness';

const HELLOASSO = 'https://www.helloasso.com/associations/cpts-exemple/evenements/atelier';

/** Low fees: the price and how to pay it under every participant message about a priced session. */
describe('fees in messages (real Kafka, PostgreSQL, Redis and SMTP)', () => {
  let smtp: SmtpTestServer;
  let service: TestService<NotificationsEnv>;
  let producer: MessageProducer;
  let publish: ReturnType<typeof publisher>;
  let db: DataSource;
  const tenantId = uuidv7();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startNotifications(smtp.url);
    producer = new MessageProducer(service.kafka.settings);
    publish = publisher(producer, service.kafka.prefix);
    db = await service.db.dataSource('owner');
    await publish(
      tenantCreated(tenantId, {
        paymentInstructions: {
          method: 'payment-link',
          details: 'Ou en espèces le jour même.',
          url: HELLOASSO,
        } as never,
      }),
    );
    await waitFor(
      () => db.query(`SELECT payment_instructions FROM tenant_directory WHERE tenant_id = $1`, [tenantId]),
      (rows) => rows[0]?.payment_instructions?.url === HELLOASSO,
      { what: 'the tenant’s payment instructions' },
    );
  }, 60_000);

  afterAll(async () => {
    await producer?.close();
    await service?.close();
    await smtp?.close();
  });

  it('shows the price and the CPTS’s payment link in the confirmation and the cancellation, and nothing for a free session', async () => {
    const priced = newSession(tenantId, parisTime('2027-02-11', '18:30'), { priceCents: 800 });
    const free = newSession(tenantId, parisTime('2027-02-12', '18:30'));
    const lea = person('Léa');
    const marc = person('Marc');
    await publish(sessionPublished(priced), sessionPublished(free));
    await waitFor(
      () => db.query(`SELECT price_cents FROM session WHERE id = $1`, [priced.sessionId]),
      (rows) => rows[0]?.price_cents === 800,
      { what: 'the session’s price' },
    );
    await publish(
      registrationConfirmed(priced, lea),
      registrationCancelled(priced, lea),
      registrationConfirmed(free, marc),
    );
    const mails = await smtp.waitFor((m) => m.envelope.to.includes(lea.email), {
      count: 2,
      timeoutMs: 30_000,
    });
    for (const mail of mails) {
      expect(mail.text).toContain('Participation : 8,00\u00a0€');
      expect(mail.text).toContain(`Règlement en ligne : ${HELLOASSO} Ou en espèces le jour même.`);
      expect(mail.html).toContain(`href="${HELLOASSO.replace(/=/g, '&#x3D;')}"`);
    }
    const [freeMail] = await smtp.waitFor((m) => m.envelope.to.includes(marc.email), {
      count: 1,
      timeoutMs: 30_000,
    });
    expect(freeMail.text).not.toContain('Participation');
  });
});
