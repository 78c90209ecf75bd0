import { composeSignInMail, signInLink } from './sign-in-mail';

describe('the sign-in mail', () => {
  const link = signInLink('https://respire.example.org/', 'TOKEN');

  it('puts the secret in the fragment of a back-office link', () => {
    expect(link).toBe('https://respire.example.org/app/connexion/lien#jeton=TOKEN');
  });

  it('names the CPTS, the person, the link and how long it lasts, in French', () => {
    const mail = composeSignInMail({
      tenantName: 'CPTS du Grand Besançon',
      staffName: 'Anne Martin',
      link,
      validMinutes: 15,
    });

    expect(mail.subject).toBe('Votre lien de connexion — CPTS du Grand Besançon');
    expect(mail.text).toContain('Bonjour Anne Martin,');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('valable 15 minutes');
    expect(mail.html).toContain(`href="${link}"`);
  });

  it('escapes names in the HTML part', () => {
    const mail = composeSignInMail({
      tenantName: 'A & B <i>',
      staffName: '<b>x</b>',
      link,
      validMinutes: 15,
    });
    expect(mail.html).toContain('A &amp; B &lt;i&gt;');
    expect(mail.html).not.toContain('<b>x</b>');
  });
});
