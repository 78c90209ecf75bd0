import { z } from 'zod';

export interface FieldProblem {
  /** Where the problem is, as in the request body: `['dates', 2]`, `['capacity']`. */
  path: (string | number)[];
  message: string;
}

/**
 * Input that is well-formed but breaks a rule (a local time that does not exist, an end before
 * its start, an unknown venue). A ZodError on purpose: the platform's error filter answers it
 * exactly like failed request validation — 400 `validation_failed` naming each field.
 */
export class InvalidFieldsError extends z.ZodError {
  constructor(problems: FieldProblem[]) {
    super(
      problems.map((problem) => ({
        code: 'custom' as const,
        path: problem.path,
        message: problem.message,
        input: undefined,
      })),
    );
  }

  static single(path: (string | number)[], message: string): InvalidFieldsError {
    return new InvalidFieldsError([{ path, message }]);
  }
}

/** Collects problems and throws them together, so one answer names every bad field. */
export class FieldProblems {
  private readonly problems: FieldProblem[] = [];

  add(path: (string | number)[], message: string): void {
    const key = JSON.stringify([path, message]);
    if (this.problems.some((p) => JSON.stringify([p.path, p.message]) === key)) return;
    this.problems.push({ path, message });
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InvalidFieldsError(this.problems);
  }
}
