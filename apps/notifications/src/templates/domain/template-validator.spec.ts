import { TEMPLATE_CATALOG } from './template-catalog';
import { TEMPLATE_KEYS } from './template-key';
import { validateTemplate } from './template-validator';

const spec = {
  participant: { firstName: 'text' },
  session: { title: 'text', confidential: 'flag' },
  attendees: [{ firstName: 'text' }],
} as const;

const check = (source: string, html = true) => validateTemplate(source, spec, { html });

describe('template validation', () => {
  it('accepts the variables of the spec, blocks, else chains and each scopes', () => {
    expect(
      check(`Bonjour {{participant.firstName}}
{{#if session.confidential}}Atelier{{else if session.title}}{{session.title}}{{else}}-{{/if}}
{{#each attendees}}{{@index}} {{firstName}} {{this.firstName}} {{../session.title}} {{@root.session.title}}{{/each}}
{{#each attendees as |a i|}}{{a.firstName}} {{i}}{{/each}}
{{#with participant}}{{firstName}}{{/with}}{{!-- a comment --}}`),
    ).toEqual([]);
  });

  it('refuses an unknown variable with its line and column', () => {
    expect(check('Bonjour\n  {{participant.lastName}}')).toEqual([
      { line: 2, column: 5, reason: "variable inconnue 'participant.lastName'" },
    ]);
  });

  it('refuses a template that does not compile, with the line', () => {
    const [problem] = check('a\nb {{#if session.title}}\nc');
    expect(problem.line).toBe(3);
    expect(problem.reason).toMatch(/^ne compile pas/);
    expect(check('{{#if session.title}}x{{/each}}')[0]).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/if doesn't match each/),
    });
  });

  it('refuses helpers outside the allowed set, partials and unescaped HTML output', () => {
    expect(check('{{lookup participant "firstName"}}')[0].reason).toBe(
      "le helper 'lookup' n'est pas autorisé",
    );
    expect(check('{{#each attendees}}{{log firstName}}{{/each}}')[0].reason).toBe(
      "le helper 'log' n'est pas autorisé",
    );
    expect(check('{{#custom session}}x{{/custom}}')[0].reason).toMatch(/le bloc 'custom' n'est pas autorisé/);
    expect(check('{{> header}}')[0].reason).toBe('les partials ne sont pas autorisés');
    expect(check('{{{session.title}}}')[0].reason).toMatch(/sortie non échappée/);
    expect(check('{{{session.title}}}', false)).toEqual([]); // plain text is never HTML
  });

  it('gives no way to reach prototypes or objects', () => {
    expect(check('{{constructor}}')[0].reason).toBe("variable inconnue 'constructor'");
    expect(check('{{participant.__proto__}}')[0].reason).toBe("variable inconnue 'participant.__proto__'");
    expect(check('{{session.title.constructor.name}}')[0].reason).toMatch(/variable inconnue/);
    expect(check('{{participant}}')[0].reason).toMatch(/n'est pas une valeur/);
    expect(check('{{@index}}')[0].reason).toBe("variable inconnue '@index'");
    expect(check('{{../participant.firstName}}')[0].reason).toMatch(/au-delà du niveau principal/);
  });

  it('reports every problem at once', () => {
    expect(check('{{a}}\n{{b}}\n{{participant.firstName}}').map((p) => p.line)).toEqual([1, 2]);
  });

  it.each(TEMPLATE_KEYS)('accepts the default template %s', (key) => {
    const { defaults, variables } = TEMPLATE_CATALOG[key];
    expect(validateTemplate(defaults.subject, variables, { html: false })).toEqual([]);
    expect(validateTemplate(defaults.html, variables, { html: true })).toEqual([]);
    expect(validateTemplate(defaults.text, variables, { html: false })).toEqual([]);
  });
});
