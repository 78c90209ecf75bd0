import { TemplateDefinition, TemplateSource } from './template-catalog';
import { TemplateInvalidError, TemplatePartProblem } from './template-errors';
import { validateTemplate } from './template-validator';

/** Checks the three parts of a template against its variables; throws every problem at once. */
export function checkTemplate(definition: TemplateDefinition, source: TemplateSource): void {
  const problems: TemplatePartProblem[] = [
    ...validateTemplate(source.subject, definition.variables, { html: false }).map((p) => ({
      part: 'subject' as const,
      ...p,
    })),
    ...validateTemplate(source.html, definition.variables, { html: true }).map((p) => ({
      part: 'html' as const,
      ...p,
    })),
    ...validateTemplate(source.text, definition.variables, { html: false }).map((p) => ({
      part: 'text' as const,
      ...p,
    })),
  ];
  if (/[\r\n]/.test(source.subject.trim())) {
    problems.push({ part: 'subject', line: 1, column: null, reason: "l'objet tient sur une seule ligne" });
  }
  if (problems.length > 0) throw new TemplateInvalidError(problems);
}
