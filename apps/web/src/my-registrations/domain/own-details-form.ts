import {
  checkDetails,
  checkEmail,
  FieldError,
  inFormOrder,
  PersonalDetails,
} from '../../registration/domain/registration-form';

export type ParsedOwnDetails =
  { ok: true; values: PersonalDetails } | { ok: false; values: PersonalDetails; errors: FieldError[] };

const text = (body: Record<string, unknown>, key: string, max: number) =>
  typeof body[key] === 'string' ? (body[key] as string).trim().slice(0, max) : '';

/** The "my details" form: the same checks and messages as when registering. */
export function parseOwnDetails(body: Record<string, unknown>): ParsedOwnDetails {
  const values: PersonalDetails = {
    firstName: text(body, 'firstName', 200),
    lastName: text(body, 'lastName', 200),
    profession: text(body, 'profession', 40),
    practiceMode: text(body, 'practiceMode', 40),
    postcode: text(body, 'postcode', 10),
  };
  const errors: FieldError[] = [];
  checkDetails(values, (field, message) => errors.push({ field, message }));
  return errors.length ? { ok: false, values, errors: inFormOrder(errors) } : { ok: true, values };
}

export type ParsedAccessRequest =
  { ok: true; email: string } | { ok: false; typed: string; errors: FieldError[] };

/** The "find my registrations" form: one address. */
export function parseAccessRequest(body: Record<string, unknown>): ParsedAccessRequest {
  const typed = text(body, 'email', 300);
  const errors: FieldError[] = [];
  checkEmail(typed, (field, message) => errors.push({ field, message }));
  return errors.length ? { ok: false, typed, errors } : { ok: true, email: typed.toLowerCase() };
}
