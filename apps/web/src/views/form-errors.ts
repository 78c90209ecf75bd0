/** A form's refusal, field by field (`field` names the input, `#field-<field>` on the page). */
export interface FormError {
  field: string;
  message: string;
}

/**
 * What a form page shows of its errors: the summary at the top, each line linking to its field,
 * and the message beside each field (the first one where a field has several).
 */
export function formErrorsView(errors: readonly FormError[]): {
  errors: Record<string, string>;
  errorList: { href: string; message: string }[];
} {
  return {
    errors: Object.fromEntries([...errors].reverse().map((e) => [e.field, e.message])),
    errorList: errors.map((e) => ({ href: `#field-${e.field}`, message: e.message })),
  };
}

/** A page's title, "Erreur : " first when its form was refused: the first words a screen reader says. */
export function formPageTitle(title: string, refused: boolean): string {
  return `${refused ? 'Erreur : ' : ''}${title}`;
}
