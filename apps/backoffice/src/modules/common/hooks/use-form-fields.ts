import { useState, type ChangeEvent } from 'react';
import type { FieldErrors } from './use-field-errors';

type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

/**
 * A form's values and, for each kind of Mantine input, the props that bind it to one of them:
 * `<TextInput {...bind.text('title')} />`, `<NumberInput {...bind.number('capacity')} />` (an
 * emptied number is `''`), `<Checkbox {...bind.checkbox('publish')} />`, `<Select {...bind.select('venueId')} />`.
 * Given the form's `errors` (from `useFieldErrors`), each binding also shows the message of its own
 * field; a field whose message comes under another name says so with its own `error` prop.
 * `set` changes one value from code; `reset()` puts the initial values back.
 */
export function useFormFields<T extends Record<string, unknown>>(initial: T, errors: FieldErrors = {}) {
  const [form, setForm] = useState(initial);
  const set = <K extends keyof T>(key: K, value: T[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const error = (key: keyof T) => errors[key as string];
  const bind = {
    text: (key: KeysOf<T, string>) => ({
      value: form[key] as string,
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        set(key, e.currentTarget.value as T[typeof key]),
      error: error(key),
    }),
    number: (key: KeysOf<T, number | ''>) => ({
      value: form[key] as number | '',
      onChange: (v: string | number) => set(key, (v === '' ? '' : Number(v)) as T[typeof key]),
      error: error(key),
    }),
    checkbox: (key: KeysOf<T, boolean>) => ({
      checked: form[key] as boolean,
      onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.checked as T[typeof key]),
      error: error(key),
    }),
    select: (key: KeysOf<T, string | null>) => ({
      value: form[key] as string | null,
      onChange: (value: string | null) => set(key, value as T[typeof key]),
      error: error(key),
    }),
  };
  return { form, bind, set, reset: () => setForm(initial) };
}
