import { parseRegistrationForm, serviceFieldErrors, submissionKey } from './registration-form';

const offered = [
  { id: 's1', eligibleProfessions: [] },
  { id: 's2', eligibleProfessions: [] },
  { id: 'reserved', eligibleProfessions: ['medecin', 'sage-femme'] },
];

const filled = {
  sessionIds: ['s1', 's2'],
  email: ' Claire.Martin@Example.org ',
  firstName: 'Claire',
  lastName: 'Martin',
  profession: 'infirmier',
  practiceMode: 'liberal',
  postcode: '25000',
  rpps: '',
  dataProcessing: 'oui',
  feedbackRequests: 'oui',
};

describe('the registration form', () => {
  it('turns a complete form into the service request, for every date ticked', () => {
    const parsed = parseRegistrationForm(filled, offered);
    expect(parsed).toMatchObject({
      ok: true,
      sessionIds: ['s1', 's2'],
      form: {
        email: 'claire.martin@example.org',
        rpps: null,
        consents: { dataProcessing: true, feedbackRequests: true },
      },
    });
  });

  it('reads a single ticked date (a lone value, not a list)', () => {
    expect(parseRegistrationForm({ ...filled, sessionIds: 's1' }, offered)).toMatchObject({
      ok: true,
      sessionIds: ['s1'],
    });
  });

  it('names every field to fix, in the order of the form, and gives back what was typed', () => {
    const parsed = parseRegistrationForm(
      {
        email: 'pas-un-email',
        firstName: '',
        lastName: 'Martin',
        postcode: '2500',
        rpps: '123',
        profession: 'astronaute',
      },
      offered,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.field)).toEqual([
      'sessionIds',
      'email',
      'firstName',
      'profession',
      'practiceMode',
      'postcode',
      'rpps',
      'dataProcessing',
    ]);
    expect(parsed.errors[1].message).toBe(
      'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr',
    );
    expect(parsed.values).toMatchObject({
      email: 'pas-un-email',
      lastName: 'Martin',
      postcode: '2500',
      rpps: '123',
    });
  });

  it('refuses a profession a ticked date is not open to, saying who it is for', () => {
    const parsed = parseRegistrationForm({ ...filled, sessionIds: ['s1', 'reserved'] }, offered);
    expect(parsed).toMatchObject({
      ok: false,
      errors: [{ field: 'profession', message: 'Ces dates sont réservées aux médecins, sages-femmes' }],
    });
  });

  it('refuses an address the registration service would refuse (accents in the local part)', () => {
    expect(parseRegistrationForm({ ...filled, email: 'chloé@example.org' }, offered)).toMatchObject({
      ok: false,
      errors: [{ field: 'email' }],
    });
  });

  it('refuses a date the form did not offer', () => {
    expect(parseRegistrationForm({ ...filled, sessionIds: ['elsewhere'] }, offered)).toMatchObject({
      ok: false,
      errors: [{ field: 'sessionIds', message: 'Choisissez des dates dans la liste' }],
    });
  });

  it("places the service's own refusals on the form's fields", () => {
    expect(
      serviceFieldErrors([
        { path: 'consents.dataProcessing', message: 'a' },
        { path: 'rpps', message: 'b' },
      ]),
    ).toEqual([
      { field: 'rpps', message: 'b' },
      { field: 'dataProcessing', message: 'a' },
    ]);
  });
});

describe('the key of a submission', () => {
  const parsed = parseRegistrationForm(filled, offered);
  if (!parsed.ok) throw new Error('the filled form should parse');

  it('is the same for the same form sent again, so it registers once', () => {
    expect(submissionKey('token-a', parsed.sessionIds, parsed.form)).toBe(
      submissionKey('token-a', ['s1', 's2'], { ...parsed.form }),
    );
    expect(submissionKey('token-a', parsed.sessionIds, parsed.form)).toMatch(/^web-[\w-]{43}$/);
  });

  it('differs for anything typed differently, another date, or another form', () => {
    const key = submissionKey('token-a', parsed.sessionIds, parsed.form);
    expect(
      submissionKey('token-a', parsed.sessionIds, { ...parsed.form, email: 'bruno@example.org' }),
    ).not.toBe(key);
    expect(submissionKey('token-a', parsed.sessionIds, { ...parsed.form, lastName: 'Martins' })).not.toBe(
      key,
    );
    expect(submissionKey('token-a', ['s1'], parsed.form)).not.toBe(key);
    expect(submissionKey('token-b', parsed.sessionIds, parsed.form)).not.toBe(key);
  });
});
