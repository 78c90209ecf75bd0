import { CellRef, CountTable } from '../../reports/domain/count-table';
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  ProtectedTable,
  PublishedCount,
  SmallCountSuppressor,
} from '../../reports/domain/small-count-suppressor';
import { likertPoints, Question, SurveyContent } from './survey-definition';
import { AnswerValue, SurveyAnswers } from './survey-response';

/** A way to break respondents down (a profile question, or the CPTS in a funder's view). */
export interface Dimension {
  key: string;
  label: string;
  groups: { value: string; label: string }[];
  /** The group of the i-th response (one of `groups`). */
  groupOf: (index: number) => string;
}

export interface PublishedDistribution {
  answered: PublishedCount;
  skipped: PublishedCount;
  /** Likert points or choices, with the share of those who answered (null when a count is hidden). */
  options: { value: string | number; label: string; count: PublishedCount; share: number | null }[];
  /** Likert and number questions; null when it could tell a hidden count, or too few answered. */
  mean: number | null;
  /** Likert: those at or above `agreeFrom` (e.g. "plutôt" or "tout à fait d’accord"). */
  agreeing: { count: PublishedCount; share: number | null } | null;
}

export interface QuestionResult {
  id: string;
  label: string;
  kind: Question['kind'];
  overall: PublishedDistribution;
  breakdowns: { dimension: string; groups: ({ value: string; label: string } & PublishedDistribution)[] }[];
  /** Text questions: the answers whose authors agreed to be quoted, in alphabetical order. */
  quotes?: string[];
}

export interface SurveyResults {
  threshold: number;
  /** True when no cell-by-cell protection was found and every count is hidden. */
  withheld: boolean;
  respondents: PublishedCount;
  dimensions: {
    key: string;
    label: string;
    groups: { value: string; label: string; respondents: PublishedCount }[];
  }[];
  questions: QuestionResult[];
}

/** Cells of one distribution: a question among some respondents. */
interface DistributionCells {
  answered: CellRef;
  skipped: CellRef;
  options: CellRef[];
  agreeing: CellRef | null;
  /** Values behind the mean (likert and number answers). */
  values: number[];
}

/** What readers lose when a cell is hidden to protect another: detail first, the headline figures last. */
const COST = {
  groupOption: 0,
  groupCount: 0.5,
  groupRespondents: 0.8,
  option: 1,
  agreeing: 1.5,
  count: 2,
  respondents: 4,
};

/**
 * A survey's results as published: per question the distribution, mean and share agreeing,
 * overall and by each dimension, with every count protected by the reporting rules
 * ({@link SmallCountSuppressor}: counts of 1–4 hidden, then complementary cells until no hidden
 * count can be worked out from what is shown). Every additive relation a reader can write is
 * declared: respondents = answered + skipped, answered = Σ choices (single and Likert),
 * agreeing = Σ its points, and each overall count = Σ of its groups, for every dimension. A
 * multiple-choice question has no such line among its choices (one person ticks several).
 * A mean is shown only when every count of its distribution is, so it can tell nothing hidden.
 */
export function surveyResults(
  content: SurveyContent,
  responses: readonly SurveyAnswers[],
  dimensions: readonly Dimension[],
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): SurveyResults {
  const table = new CountTable();
  const all = responses.map((_, i) => i);
  const respondents = table.add(all.length, 'respondents', COST.respondents);

  const groupMembers = dimensions.map((dimension) =>
    dimension.groups.map((group) => all.filter((i) => dimension.groupOf(i) === group.value)),
  );
  const groupRespondents = dimensions.map((dimension, d) => {
    const cells = dimension.groups.map((group, g) =>
      table.add(groupMembers[d][g].length, `${dimension.key}=${group.value}`, COST.groupRespondents),
    );
    table.sum(respondents, cells);
    return cells;
  });

  const perQuestion = content.questions.map((question) => {
    const overall = distributionCells(table, question, responses, all, respondents, question.id, false);
    const byDimension = dimensions.map((dimension, d) => {
      const groups = dimension.groups.map((group, g) =>
        distributionCells(
          table,
          question,
          responses,
          groupMembers[d][g],
          groupRespondents[d][g],
          `${question.id}/${dimension.key}=${group.value}`,
          true,
        ),
      );
      table.sum(
        overall.answered,
        groups.map((c) => c.answered),
      );
      table.sum(
        overall.skipped,
        groups.map((c) => c.skipped),
      );
      overall.options.forEach((cell, k) =>
        table.sum(
          cell,
          groups.map((c) => c.options[k]),
        ),
      );
      if (overall.agreeing !== null)
        table.sum(
          overall.agreeing,
          groups.map((c) => c.agreeing!),
        );
      return groups;
    });
    return { question, overall, byDimension };
  });

  const shown = new SmallCountSuppressor(threshold).protect(table);
  const publish = (question: Question, cells: DistributionCells) =>
    publishedDistribution(shown, question, cells, threshold);

  return {
    threshold,
    withheld: shown.withheld,
    respondents: shown.display(respondents),
    dimensions: dimensions.map((dimension, d) => ({
      key: dimension.key,
      label: dimension.label,
      groups: dimension.groups.map((group, g) => ({
        ...group,
        respondents: shown.display(groupRespondents[d][g]),
      })),
    })),
    questions: perQuestion.map(({ question, overall, byDimension }) => ({
      id: question.id,
      label: question.label,
      kind: question.kind,
      overall: publish(question, overall),
      breakdowns: dimensions.map((dimension, d) => ({
        dimension: dimension.key,
        groups: dimension.groups.map((group, g) => ({ ...group, ...publish(question, byDimension[d][g]) })),
      })),
      ...(question.kind === 'text' ? { quotes: quotesOf(question.id, responses) } : {}),
    })),
  };
}

function optionsOf(question: Question): { value: string | number; label: string }[] {
  if (question.kind === 'likert') return likertPoints(question);
  if (question.kind === 'single' || question.kind === 'multiple') return question.options;
  return [];
}

function chose(answer: AnswerValue | undefined, value: string | number): boolean {
  return Array.isArray(answer) ? answer.includes(String(value)) : answer === value;
}

function distributionCells(
  table: CountTable,
  question: Question,
  responses: readonly SurveyAnswers[],
  members: number[],
  respondents: CellRef,
  label: string,
  inGroup: boolean,
): DistributionCells {
  const answers = members.map((i) => responses[i].answers[question.id]).filter((a) => a !== undefined);
  const answered = table.add(answers.length, `${label} answered`, inGroup ? COST.groupCount : COST.count);
  const skipped = table.add(
    members.length - answers.length,
    `${label} skipped`,
    inGroup ? COST.groupCount : COST.count,
  );
  table.sum(respondents, [answered, skipped]);
  const options = optionsOf(question).map((option) =>
    table.add(
      answers.filter((a) => chose(a, option.value)).length,
      `${label} ${option.value}`,
      inGroup ? COST.groupOption : COST.option,
    ),
  );
  if (question.kind === 'likert' || question.kind === 'single') table.sum(answered, options);
  let agreeing: CellRef | null = null;
  if (question.kind === 'likert' && question.agreeFrom !== undefined) {
    const points = likertPoints(question);
    const parts = options.filter((_, k) => points[k].value >= question.agreeFrom!);
    agreeing = table.add(
      parts.reduce((sum, cell) => sum + table.value(cell), 0),
      `${label} agreeing`,
      inGroup ? COST.groupCount : COST.agreeing,
    );
    table.sum(agreeing, parts);
  }
  const values = question.kind === 'likert' || question.kind === 'number' ? (answers as number[]) : [];
  return { answered, skipped, options, agreeing, values };
}

function share(shown: ProtectedTable, part: CellRef, whole: CellRef): number | null {
  if (shown.isHidden(part) || shown.isHidden(whole)) return null;
  const total = shown.table.value(whole);
  return total === 0 ? null : Math.round((shown.table.value(part) / total) * 1000) / 10;
}

function publishedDistribution(
  shown: ProtectedTable,
  question: Question,
  cells: DistributionCells,
  threshold: number,
): PublishedDistribution {
  const answered = shown.table.value(cells.answered);
  const everyCountShown =
    !shown.isHidden(cells.answered) && cells.options.every((cell) => !shown.isHidden(cell));
  const meanShown = answered >= threshold && everyCountShown && cells.values.length > 0;
  return {
    answered: shown.display(cells.answered),
    skipped: shown.display(cells.skipped),
    options: optionsOf(question).map((option, k) => ({
      ...option,
      count: shown.display(cells.options[k]),
      share: share(shown, cells.options[k], cells.answered),
    })),
    mean: meanShown
      ? Math.round((cells.values.reduce((a, b) => a + b, 0) / cells.values.length) * 100) / 100
      : null,
    agreeing:
      cells.agreeing === null
        ? null
        : { count: shown.display(cells.agreeing), share: share(shown, cells.agreeing, cells.answered) },
  };
}

function quotesOf(questionId: string, responses: readonly SurveyAnswers[]): string[] {
  return responses
    .filter((r) => r.quoteConsent && typeof r.answers[questionId] === 'string')
    .map((r) => r.answers[questionId] as string)
    .sort((a, b) => a.localeCompare(b, 'fr'));
}
