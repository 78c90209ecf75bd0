import { classifySendFailure } from './send-failure';

describe('send failures', () => {
  it('gives up at once on a 5xx reply', () => {
    expect(
      classifySendFailure({
        responseCode: 550,
        response: '550 5.1.1 mailbox unavailable',
        code: 'EENVELOPE',
      }),
    ).toEqual({
      permanent: true,
      reason: '550 5.1.1 mailbox unavailable',
    });
  });

  it('masks the addresses a server quotes in its reply', () => {
    const failure = classifySendFailure({
      responseCode: 550,
      response:
        '550 5.1.1 <jeanne.dupont@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    });

    expect(failure.reason).toBe(
      '550 5.1.1 <j***@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    );
    expect(
      classifySendFailure(new Error("Can't send mail - all recipients were rejected: 550 <a.b@c.fr>")).reason,
    ).not.toContain('a.b@c.fr');
  });

  it('retries 4xx replies, connection errors and refused logins', () => {
    expect(classifySendFailure({ responseCode: 451, response: '451 try again later' }).permanent).toBe(false);
    expect(
      classifySendFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1025' }).permanent,
    ).toBe(false);
    expect(
      classifySendFailure({ code: 'EAUTH', responseCode: 535, response: '535 auth failed' }).permanent,
    ).toBe(false);
    expect(classifySendFailure(new Error('socket hang up')).reason).toBe('socket hang up');
  });
});
