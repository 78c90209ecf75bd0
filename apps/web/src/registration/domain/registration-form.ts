import { createHash } from 'node:crypto';
import {
  departmentFromPostcode,
  PRACTICE_MODES,
  PracticeMode,
  practiceModeAudience,
  practiceModeEligible,
  Profession,
  PROFESSIONS,
  PROFESSION_NAMES,
} from '@respire/contracts';
import { ParticipantDetails, RegistrationForm } from '../../upstream/registration.client';

/** The form's fields, in the order they appear (the error summary follows it). */
export const FIELDS = [
  'sessionIds',
  'email',
  'firstName',
  'lastName',
  'profession',
  'practiceMode',
  'postcode',
  'rpps',
  'dataProcessing',
] as const;
export type Field = (typeof FIELDS)[number];

/** What the person typed, as the form shows it back. */
export interface TypedValues extends ParticipantDetails {
  sessionIds: string[];
  rpps: string;
  dataProcessing: boolean;
  feedbackRequests: boolean;
}

export interface FieldError {
  field: Field;
  message: string;
}

/** The sessions the form offers, and who each is for (empty: everyone). */
export interface OfferedSession {
  id: string;
  eligibleProfessions: readonly string[];
  eligiblePracticeModes?: readonly string[];
}

export type ParsedForm =
  | { ok: true; values: TypedValues; sessionIds: string[]; form: RegistrationForm }
  | { ok: false; values: TypedValues; errors: FieldError[] };

/** The address rule the registration service applies (zod's), so that the page says it first. */
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/**
 * Reads the registration form as posted (application/x-www-form-urlencoded) and checks it the
 * way GOV.UK forms do: one message per field, saying what to do, in French; everything typed is
 * given back so the page can show it again. The service checks again (RPPS check digit…) and
 * its refusals are mapped to the same fields.
 */
export function parseRegistrationForm(
  body: Record<string, unknown>,
  offered: readonly OfferedSession[],
): ParsedForm {
  const values = typedValues(body);
  const errors: FieldError[] = [];
  const add: AddError = (field, message) => errors.push({ field, message });
  const offeredIds = new Map(offered.map((s) => [s.id, s]));

  if (values.sessionIds.length === 0) add('sessionIds', 'Choisissez au moins une date');
  else if (values.sessionIds.some((id) => !offeredIds.has(id)))
    add('sessionIds', 'Choisissez des dates dans la liste');

  checkEmail(values.email, add);
  checkDetails(values, add);
  const profession = values.profession as Profession;
  if ((PROFESSIONS as readonly string[]).includes(profession)) {
    const refusing = values.sessionIds
      .map((id) => offeredIds.get(id))
      .find((s) => s && s.eligibleProfessions.length > 0 && !s.eligibleProfessions.includes(profession));
    if (refusing) {
      const names = refusing.eligibleProfessions
        .map((p) => PROFESSION_NAMES[p as Profession]?.many ?? p)
        .join(', ');
      add('profession', `Ces dates sont réservées aux ${names}`);
    }
  }

  const mode = values.practiceMode as PracticeMode;
  if ((PRACTICE_MODES as readonly string[]).includes(mode)) {
    const refusing = values.sessionIds
      .map((id) => offeredIds.get(id)?.eligiblePracticeModes as PracticeMode[] | undefined)
      .find((modes) => modes && !practiceModeEligible(modes, mode));
    if (refusing) add('practiceMode', `Ces dates sont réservées : ${practiceModeAudience(refusing)}`);
  }

  const rpps = values.rpps.replace(/\s+/g, '');
  if (rpps && !/^\d{11}$/.test(rpps))
    add('rpps', 'Le numéro RPPS comporte 11 chiffres ; laissez le champ vide si vous ne le connaissez pas');

  if (!values.dataProcessing) {
    add(
      'dataProcessing',
      'Cochez la case pour accepter le traitement de vos données, nécessaire à l’inscription',
    );
  }

  if (errors.length > 0) return { ok: false, values, errors: inFormOrder(errors) };
  return {
    ok: true,
    values,
    sessionIds: values.sessionIds,
    form: {
      email: values.email.toLowerCase(),
      firstName: values.firstName,
      lastName: values.lastName,
      profession,
      practiceMode: values.practiceMode as PracticeMode,
      postcode: values.postcode,
      rpps: rpps || null,
      consents: { dataProcessing: true, feedbackRequests: values.feedbackRequests },
    },
  };
}

/** The service's 400 `fields` (paths of its JSON body) as errors on the form's fields. */
export function serviceFieldErrors(fields: readonly { path: string; message: string }[]): FieldError[] {
  const byPath: Record<string, Field> = { 'consents.dataProcessing': 'dataProcessing' };
  return inFormOrder(
    fields.map(({ path, message }) => {
      const root = path.split('.')[0];
      const field =
        byPath[path] ?? ((FIELDS as readonly string[]).includes(root) ? (root as Field) : 'email');
      return { field, message };
    }),
  );
}

export type AddError = (field: Field, message: string) => void;

/** The address, as the registration service checks it. */
export function checkEmail(email: string, add: AddError): void {
  if (!email) add('email', 'Saisissez votre adresse e-mail');
  else if (email.length > 254 || !EMAIL.test(email))
    add('email', 'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr');
}

/** The details a person gives about themselves (and may correct later from their mailed link). */
export type PersonalDetails = Pick<
  TypedValues,
  'firstName' | 'lastName' | 'profession' | 'practiceMode' | 'postcode'
>;

export function checkDetails(values: PersonalDetails, add: AddError): void {
  if (!values.firstName) add('firstName', 'Saisissez votre prénom');
  else if (values.firstName.length > 100) add('firstName', 'Le prénom doit faire 100 caractères au plus');
  if (!values.lastName) add('lastName', 'Saisissez votre nom');
  else if (values.lastName.length > 100) add('lastName', 'Le nom doit faire 100 caractères au plus');
  if (!(PROFESSIONS as readonly string[]).includes(values.profession))
    add('profession', 'Choisissez votre profession');
  if (!(PRACTICE_MODES as readonly string[]).includes(values.practiceMode))
    add('practiceMode', 'Choisissez votre mode d’exercice');
  if (!values.postcode) add('postcode', 'Saisissez votre code postal');
  else if (!/^\d{5}$/.test(values.postcode))
    add('postcode', 'Le code postal doit comporter 5 chiffres, par exemple 25000');
  else if (departmentFromPostcode(values.postcode) === null)
    add('postcode', 'Saisissez un code postal français');
}

/** Errors in the order of the form's fields (the error summary follows it). */
export function inFormOrder(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
}

function typedValues(body: Record<string, unknown>): TypedValues {
  const text = (key: string, max = 300) =>
    typeof body[key] === 'string' ? (body[key] as string).trim().slice(0, max) : '';
  const raw = body.sessionIds;
  const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((id): id is string => typeof id === 'string')
    .slice(0, 20);
  return {
    sessionIds: [...new Set(ids)],
    email: text('email'),
    firstName: text('firstName', 200),
    lastName: text('lastName', 200),
    profession: text('profession', 40),
    practiceMode: text('practiceMode', 40),
    postcode: text('postcode', 10),
    rpps: text('rpps', 30),
    dataProcessing: body.dataProcessing === 'oui',
    feedbackRequests: body.feedbackRequests === 'oui',
  };
}

export function emptyValues(sessionIds: string[]): TypedValues {
  return {
    sessionIds,
    email: '',
    firstName: '',
    lastName: '',
    profession: '',
    practiceMode: '',
    postcode: '',
    rpps: '',
    dataProcessing: false,
    feedbackRequests: true,
  };
}

/**
 * The Idempotency-Key of a submission: a digest of the form's anti-forgery token and everything
 * sent. The same form sent twice (a double click, reloading the answer page) carries the same
 * token and content, hence the same key, and registers once; anything typed differently is
 * another request. The form page itself holds nothing unique to the visitor, so it is served to
 * everyone from one render (PageCache).
 */
export function submissionKey(
  formToken: string,
  sessionIds: readonly string[],
  form: RegistrationForm,
): string {
  return `web-${createHash('sha256')
    .update(JSON.stringify([formToken, sessionIds, form]))
    .digest('base64url')}`;
}
