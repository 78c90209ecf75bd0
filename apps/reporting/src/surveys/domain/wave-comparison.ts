import { QuestionResult, SurveyResults } from './survey-results';

export interface WaveFigures {
  answered: QuestionResult['overall']['answered'];
  mean: number | null;
  agreeingShare: number | null;
}

export interface QuestionComparison {
  id: string;
  label: string;
  before: WaveFigures;
  after: WaveFigures;
  /** after − before, when both are shown. */
  meanChange: number | null;
  /** In percentage points, when both shares are shown. */
  agreeingChange: number | null;
}

function figures(question: QuestionResult): WaveFigures {
  return {
    answered: question.overall.answered,
    mean: question.overall.mean,
    agreeingShare: question.overall.agreeing?.share ?? null,
  };
}

const difference = (after: number | null, before: number | null, digits: number) =>
  after === null || before === null ? null : Math.round((after - before) * 10 ** digits) / 10 ** digits;

/**
 * A programme's "before" and "after" waves side by side: the Likert and number questions both
 * ask (same id), with their means and shares agreeing, each already protected in its own wave's
 * results (the waves are different respondents: no count of one adds up with the other's).
 */
export function compareWaves(before: SurveyResults, after: SurveyResults): QuestionComparison[] {
  const afterById = new Map(after.questions.map((q) => [q.id, q]));
  return before.questions
    .filter((q) => (q.kind === 'likert' || q.kind === 'number') && afterById.get(q.id)?.kind === q.kind)
    .map((q) => {
      const b = figures(q);
      const a = figures(afterById.get(q.id)!);
      return {
        id: q.id,
        label: q.label,
        before: b,
        after: a,
        meanChange: difference(a.mean, b.mean, 2),
        agreeingChange: difference(a.agreeingShare, b.agreeingShare, 1),
      };
    });
}
