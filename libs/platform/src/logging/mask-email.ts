const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** `jane.doe@example.org` → `j***@example.org`: enough to tell addresses apart in logs, not to contact anyone. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Masks every email address found in `text`. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, maskEmail);
}

/** Masks emails in strings, arrays and plain objects (a few levels deep); leaves other values alone. */
export function maskEmailsDeep(value: unknown, depth = 4): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskEmailsDeep(item, depth - 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, maskEmailsDeep(item, depth - 1)]),
  );
}
