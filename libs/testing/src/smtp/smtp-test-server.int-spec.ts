import nodemailer from 'nodemailer';
import { startSmtpServer, SmtpTestServer } from './smtp-test-server';

describe('SMTP test server', () => {
  let server: SmtpTestServer;
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.clear());

  const transport = () => nodemailer.createTransport({ host: server.host, port: server.port, secure: false });

  it('keeps what it accepts, parsed, with the calendar part and the queue id in its reply', async () => {
    const info = await transport().sendMail({
      from: 'CPTS <cpts@example.org>',
      to: 'Claire <claire@example.org>',
      subject: 'Inscription confirmée',
      text: 'Bonjour',
      html: '<p>Bonjour</p>',
      messageId: '<abc@example.org>',
      icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
    });
    const [mail] = await server.waitFor();
    expect(info.response).toContain(`queued as ${mail.id}`);
    expect(mail).toMatchObject({
      envelope: { from: 'cpts@example.org', to: ['claire@example.org'] },
      messageId: '<abc@example.org>',
      subject: 'Inscription confirmée',
      to: ['claire@example.org'],
      text: 'Bonjour',
      html: '<p>Bonjour</p>',
    });
    expect(mail.calendars).toEqual([
      { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
    ]);
  });

  it('answers the configured failures: the next messages, or chosen recipients', async () => {
    server.failNext(1, { code: 451, message: 'try again later' });
    await expect(
      transport().sendMail({ from: 'a@example.org', to: 'b@example.org', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 451 });
    await transport().sendMail({ from: 'a@example.org', to: 'b@example.org', text: 'x' });
    server.rejectRecipients((address) => address.startsWith('nobody'), {
      code: 550,
      message: 'mailbox unavailable',
    });
    await expect(
      transport().sendMail({ from: 'a@example.org', to: 'nobody@example.org', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(server.messages()).toHaveLength(1);
  });
});
