import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../../api/api-error';

/** Field → the French message shown under it. */
export type FieldErrors = Record<string, string>;

/**
 * The messages a form shows under its fields: those its own checks find before sending, then
 * those the server refuses it with.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  return {
    errors,
    /** A form's `onSubmit`: shows what `validate` finds, and calls `send` only when it finds nothing. */
    onSubmit: (validate: () => FieldErrors, send: () => void) => (event: FormEvent) => {
      event.preventDefault();
      const problems = validate();
      setErrors(problems);
      if (Object.keys(problems).length === 0) send();
    },
    /** A mutation's `onError`: keeps the server's per-field messages (other errors are shown apart). */
    fromServer: (error: unknown) => {
      const fields = fieldErrorsOf(error);
      if (fields) setErrors(fields);
    },
  };
}
