import { TEMPLATE_CATALOG } from './template-catalog';
import { TemplateKey, TEMPLATE_KEYS } from './template-key';
import { TemplateRenderer } from './template-renderer';
import { LayoutContext } from './layout';

const layout: LayoutContext = {
  tenant: { name: 'CPTS Test', primaryColor: '#2e7d6b', logoUrl: null, privacyContact: 'dpo@cpts.fr' },
  listeningLines: [
    { name: 'SPS', phone: '0805 23 23 36' },
    { name: 'MOTS', phone: '0608 282 589' },
  ],
  preferencesUrl: 'https://n.example/p?t=abc',
};

describe('rendering messages', () => {
  const renderer = new TemplateRenderer();

  it.each(TEMPLATE_KEYS)('%s: subject, HTML and text, with the listening lines in both parts', (key) => {
    const { defaults, sample } = TEMPLATE_CATALOG[key];
    const message = renderer.render(defaults, sample, layout);
    expect(message.subject.length).toBeGreaterThan(5);
    expect(message.subject).not.toMatch(/\n|\{\{/);
    for (const part of [message.html, message.text]) {
      expect(part).toContain('0805 23 23 36');
      expect(part).toContain('0608 282 589');
      expect(part).toContain('CPTS Test');
    }
  });

  it('escapes variables in HTML but not in the text part or the subject', () => {
    const { defaults, sample } = TEMPLATE_CATALOG[TemplateKey.RegistrationConfirmed];
    const context = { ...sample, participant: { firstName: '<b>Zoé & "co"</b>' } };
    const message = renderer.render(
      { ...defaults, subject: 'Pour {{participant.firstName}}' },
      context,
      layout,
    );
    expect(message.html).toContain('&lt;b&gt;Zoé &amp; &quot;co&quot;&lt;/b&gt;');
    expect(message.html).not.toContain('<b>Zoé');
    expect(message.text).toContain('Bonjour <b>Zoé & "co"</b>,');
    expect(message.subject).toBe('Pour <b>Zoé & "co"</b>');
  });

  it('does not read inherited properties of the data', () => {
    const message = renderer.render(
      { subject: '{{constructor}}x', html: '{{participant.constructor}}', text: '{{__proto__}}' },
      { participant: { firstName: 'A' } },
      { ...layout, listeningLines: [] },
    );
    expect(message.subject).toBe('x');
    expect(message.html).not.toContain('function');
    expect(message.text).not.toContain('[object');
  });
});
