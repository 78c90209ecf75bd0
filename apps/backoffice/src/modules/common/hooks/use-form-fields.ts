import { useState, type ChangeEvent } from 'react';

type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

/**
 * A form's values and, for each kind of Mantine input, the props that bind it to one of them:
 * `<TextInput {...bind.text('title')} />`, `<NumberInput {...bind.number('capacity')} />` (an
 * emptied number is `''`), `<Checkbox {...bind.checkbox('publish')} />`, `<Select {...bind.select('venueId')} />`;
 * `reset()` puts the initial values back.
 */
export function useFormFields<T extends Record<string, unknown>>(initial: T) {
  const [form, setForm] = useState(initial);
  const set = (key: keyof T, value: unknown) => setForm((current) => ({ ...current, [key]: value }));
  const bind = {
    text: (key: KeysOf<T, string>) => ({
      value: form[key] as string,
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key, e.currentTarget.value),
    }),
    number: (key: KeysOf<T, number | ''>) => ({
      value: form[key] as number | '',
      onChange: (v: string | number) => set(key, v === '' ? '' : Number(v)),
    }),
    checkbox: (key: KeysOf<T, boolean>) => ({
      checked: form[key] as boolean,
      onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.checked),
    }),
    select: (key: KeysOf<T, string | null>) => ({
      value: form[key] as string | null,
      onChange: (value: string | null) => set(key, value),
    }),
  };
  return { form, bind, reset: () => setForm(initial) };
}
