import { v7 as uuidv7 } from 'uuid';
import { waitFor } from '@respire/testing';
import {
  newSession,
  parisTime,
  person,
  registrationCancelled,
  registrationConfirmed,
  sessionPublished,
  tenantCreated,
} from './fixtures';
import { NotificationsUnderTest } from './notifications-harness';

const HELLOASSO = 'https://www.helloasso.com/associations/cpts-exemple/evenements/atelier';

/** Low fees: the price and how to pay it under every participant message about a priced session. */
describe('fees in messages (real Kafka, PostgreSQL, Redis and SMTP)', () => {
  const n = new NotificationsUnderTest();
  const tenantId = uuidv7();

  beforeAll(async () => {
    await n.start();
    await n.publish(
      tenantCreated(tenantId, {
        paymentInstructions: {
          method: 'payment-link',
          details: 'Ou en espèces le jour même.',
          url: HELLOASSO,
        } as never,
      }),
    );
    await waitFor(
      () => n.db.query(`SELECT payment_instructions FROM tenant_directory WHERE tenant_id = $1`, [tenantId]),
      (rows) => rows[0]?.payment_instructions?.url === HELLOASSO,
      { what: 'the tenant’s payment instructions' },
    );
  }, 60_000);

  afterAll(() => n.close());

  it('shows the price and the CPTS’s payment link in the confirmation and the cancellation, and nothing for a free session', async () => {
    const priced = newSession(tenantId, parisTime('2027-02-11', '18:30'), { priceCents: 800 });
    const free = newSession(tenantId, parisTime('2027-02-12', '18:30'));
    const lea = person('Léa');
    const marc = person('Marc');
    await n.publish(sessionPublished(priced), sessionPublished(free));
    await waitFor(
      () => n.db.query(`SELECT price_cents FROM session WHERE id = $1`, [priced.sessionId]),
      (rows) => rows[0]?.price_cents === 800,
      { what: 'the session’s price' },
    );
    await n.publish(
      registrationConfirmed(priced, lea),
      registrationCancelled(priced, lea),
      registrationConfirmed(free, marc),
    );
    const mails = await n.smtp.waitFor((m) => m.envelope.to.includes(lea.email), {
      count: 2,
      timeoutMs: 30_000,
    });
    for (const mail of mails) {
      expect(mail.text).toContain('Participation : 8,00\u00a0€');
      expect(mail.text).toContain(`Règlement en ligne : ${HELLOASSO} Ou en espèces le jour même.`);
      expect(mail.html).toContain(`href="${HELLOASSO.replace(/=/g, '&#x3D;')}"`);
    }
    const [freeMail] = await n.smtp.waitFor((m) => m.envelope.to.includes(marc.email), {
      count: 1,
      timeoutMs: 30_000,
    });
    expect(freeMail.text).not.toContain('Participation');
  });
});
