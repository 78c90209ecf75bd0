import { DomainError } from '@respire/platform';

export class TemplateNotFoundError extends DomainError {
  constructor(key: string) {
    super('template-not-found', `Modèle inconnu : ${key}`, 404);
  }
}

export interface TemplatePartProblem {
  part: 'subject' | 'html' | 'text';
  line: number;
  column: number | null;
  reason: string;
}

/** A template that would not render as written: every problem, with its part and line. */
export class TemplateInvalidError extends DomainError {
  constructor(readonly problems: TemplatePartProblem[]) {
    super(
      'template-invalid',
      `Le modèle n'est pas valide : ${problems.map((p) => `${p.part} ligne ${p.line} : ${p.reason}`).join(' ; ')}`,
      400,
      { problems },
    );
  }
}
