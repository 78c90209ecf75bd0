import { CellRef, CountTable } from './count-table';
import {
  attack,
  AttackerView,
  CellState,
  disclosedCells,
  isSensitiveUnpublished,
  isSmall,
} from './disclosure-audit';

/** A count as published: exact, or hidden as `<5` (true value 0–4) or `≥5` (a hidden larger count). */
export type PublishedCount = number | `<${number}` | `≥${number}`;

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** The outcome of {@link SmallCountSuppressor.protect}: how each cell of the table is shown. */
export class ProtectedTable {
  constructor(
    readonly table: CountTable,
    readonly state: Uint8Array,
    readonly threshold: number,
    /** True when no way to protect the table cell by cell was found and every count was hidden. */
    readonly withheld: boolean,
  ) {}

  isHidden(cell: CellRef): boolean {
    return this.state[cell] !== CellState.Visible;
  }

  display(cell: CellRef): PublishedCount {
    if (this.state[cell] === CellState.Unpublished) throw new Error(`Cell ${cell} is unpublished`);
    const value = this.table.value(cell);
    if (!this.isHidden(cell)) return value;
    return value < this.threshold ? `<${this.threshold}` : `≥${this.threshold}`;
  }

  /** Cells hidden to protect others (diagnostics, tests). */
  complementary(): CellRef[] {
    return [...this.state.keys()].filter((cell) => this.state[cell] === CellState.Complementary);
  }

  /** Small counts a reader could still pin down from everything the table publishes (always 0). */
  disclosedCount(): number {
    return disclosedCells(this.table, this.state, this.threshold).length;
  }
}

/**
 * Small-count protection for published counts of people.
 *
 * 1. Primary suppression: a count from 1 to threshold − 1 is hidden (`<5`). Zero is shown: it
 *    singles nobody out.
 * 2. Complementary suppression: a line (`total = Σ parts`) with exactly one hidden member would
 *    give it away by subtraction, so another visible member is hidden too. Which one: the
 *    cheapest to lose (see {@link CountTable.add}: detail before totals), then the one forcing
 *    the fewest further complements (its other lines already hold a hidden cell), then the smallest.
 * 3. Audit: what a reader can still prove is computed ({@link attack}); while a primary cell can
 *    be pinned to one value — through a chain of lines, or because two `<5` cells must both be 4 —
 *    a visible cell among the lines that pinned it is hidden, and it starts again.
 *
 * Every round hides at least one more cell, so it ends; if it ever ran out of cells to hide
 * while a value could still be pinned, the whole table is withheld rather than published.
 * (Choosing the fewest complements is NP-hard in general; this is a greedy heuristic whose
 * safety does not depend on its choices: the audit decides when it is done.)
 */
export class SmallCountSuppressor {
  constructor(private readonly threshold = DEFAULT_SUPPRESSION_THRESHOLD) {}

  /**
   * `fixed`: cells whose state another, already published report decided (a group's figure in
   * the totals reports when the session list is protected): they keep it, the audit counts them
   * as shown or hidden, and complements are chosen among the other cells.
   */
  protect(table: CountTable, fixed: ReadonlyMap<CellRef, CellState> = new Map()): ProtectedTable {
    const work = new Suppression(table, this.threshold, fixed);
    // Nothing small anywhere (a whole tenant's totals, usually): nothing to hide or to audit.
    if (!work.anySmall) return new ProtectedTable(table, work.state, this.threshold, false);
    for (;;) {
      work.hideLoneCells();
      const view = attack(table, work.state, this.threshold);
      const disclosed = disclosedCells(table, work.state, this.threshold, view);
      if (disclosed.length === 0) return new ProtectedTable(table, work.state, this.threshold, false);

      let hidden = 0;
      const touchedLines = new Set<number>();
      for (const cell of disclosed) {
        const { candidate, lines } = work.breakPin(view, cell);
        if ([...lines].some((line) => touchedLines.has(line))) continue; // re-audit first
        if (candidate === null) continue;
        work.hide(candidate);
        hidden += 1;
        for (const line of lines) touchedLines.add(line);
      }
      if (hidden === 0) {
        for (let cell = 0; cell < table.size; cell++) if (work.hideable(cell)) work.hide(cell);
        return new ProtectedTable(table, work.state, this.threshold, true);
      }
    }
  }
}

/** The working state of one {@link SmallCountSuppressor.protect} run. */
class Suppression {
  readonly state: Uint8Array;
  private readonly cost: Float64Array;
  /** Lines of each cell (as total or part), and the lines it is a part of: compressed adjacency. */
  private readonly lineStart: Int32Array;
  private readonly lineIndex: Int32Array;
  private readonly partStart: Int32Array;
  private readonly partIndex: Int32Array;
  private readonly hiddenInLine: Int32Array;
  /** Unpublished members of each line that may be worked out (counted in `hiddenInLine` too). */
  private readonly freeInLine: Int32Array;
  /** Cells whose state was fixed by the caller. */
  private readonly locked: Uint8Array;
  /** Σ of the visible parts of each line. */
  private readonly visiblePartSum: Float64Array;
  /** Whether any cell is a small count to protect (primary, or an unpublished one that would give one away). */
  readonly anySmall: boolean;

  constructor(
    private readonly table: CountTable,
    private readonly threshold: number,
    fixed: ReadonlyMap<CellRef, CellState>,
  ) {
    const n = table.size;
    const lines = table.lines;
    const values = table.values;
    const { totals, partStart: linePartStart, parts, cellLineStart, cellLines } = table.index();
    this.state = new Uint8Array(n);
    this.locked = new Uint8Array(n);
    this.cost = new Float64Array(n);
    this.hiddenInLine = new Int32Array(lines.length);
    this.freeInLine = new Int32Array(lines.length);
    this.visiblePartSum = new Float64Array(lines.length);
    this.lineStart = cellLineStart;
    this.lineIndex = cellLines;
    const partDegree = new Int32Array(n + 1);
    for (let line = 0; line < lines.length; line++) {
      this.cost[totals[line]] = 1;
      let sum = 0;
      for (let i = linePartStart[line]; i < linePartStart[line + 1]; i++) {
        partDegree[parts[i] + 1] += 1;
        sum += values[parts[i]];
      }
      this.visiblePartSum[line] = sum;
    }
    for (let cell = 0; cell < n; cell++) partDegree[cell + 1] += partDegree[cell];
    this.partStart = partDegree;
    this.partIndex = new Int32Array(partDegree[n]);
    const partFill = partDegree.slice(0, n);
    for (let line = 0; line < lines.length; line++)
      for (let i = linePartStart[line]; i < linePartStart[line + 1]; i++)
        this.partIndex[partFill[parts[i]]++] = line;
    for (let cell = 0; cell < n; cell++) {
      this.cost[cell] = table.cost(cell) ?? this.cost[cell];
      const value = table.value(cell);
      const given = fixed.get(cell);
      if (given !== undefined) {
        if (given !== CellState.Visible) this.hide(cell, given);
        this.locked[cell] = 1;
      } else if (!table.isPublished(cell)) this.hide(cell, CellState.Unpublished);
      else if (isSmall(value, threshold)) this.hide(cell, CellState.Primary);
    }
    let anySmall = false;
    for (let cell = 0; cell < n && !anySmall; cell++)
      anySmall =
        this.state[cell] === CellState.Primary ||
        (this.state[cell] === CellState.Unpublished && isSensitiveUnpublished(table, cell, threshold));
    this.anySmall = anySmall;
  }

  isHidden(cell: CellRef): boolean {
    return this.state[cell] !== CellState.Visible;
  }

  /** Shown now and free to be hidden as a complement. */
  hideable(cell: CellRef): boolean {
    return this.state[cell] === CellState.Visible && this.locked[cell] === 0;
  }

  hide(cell: CellRef, as: CellState = CellState.Complementary): void {
    if (this.isHidden(cell)) return;
    this.state[cell] = as;
    const free = as === CellState.Unpublished && !isSensitiveUnpublished(this.table, cell, this.threshold);
    for (let i = this.lineStart[cell]; i < this.lineStart[cell + 1]; i++) {
      this.hiddenInLine[this.lineIndex[i]] += 1;
      if (free) this.freeInLine[this.lineIndex[i]] += 1;
    }
    const value = this.table.value(cell);
    for (let i = this.partStart[cell]; i < this.partStart[cell + 1]; i++)
      this.visiblePartSum[this.partIndex[i]] -= value;
  }

  /**
   * Hiding a zero protects nothing when a line with several parts would still say that its
   * hidden parts add up to 0 (its visible total equals its visible parts): it stays known as 0,
   * however many other zeros are hidden with it. (With a single part, the line's total is hidden
   * next, which the damage count accounts for.)
   */
  private useless(cell: CellRef): number {
    if (this.table.value(cell) !== 0) return 0;
    for (let i = this.partStart[cell]; i < this.partStart[cell + 1]; i++) {
      const index = this.partIndex[i];
      const line = this.table.lines[index];
      if (
        line.parts.length > 1 &&
        !this.isHidden(line.total) &&
        this.table.value(line.total) === this.visiblePartSum[index]
      )
        return 1;
    }
    return 0;
  }

  /** How many of the cell's lines would be left with a lone hidden cell if it were hidden. */
  private damage(cell: CellRef): number {
    let damage = 0;
    for (let i = this.lineStart[cell]; i < this.lineStart[cell + 1]; i++)
      if (this.hiddenInLine[this.lineIndex[i]] === 0) damage += 1;
    return damage;
  }

  private prefer(a: CellRef, b: CellRef): number {
    return (
      this.useless(a) - this.useless(b) ||
      this.cost[a] - this.cost[b] ||
      this.damage(a) - this.damage(b) ||
      this.table.value(a) - this.table.value(b) ||
      a - b
    );
  }

  /**
   * Step 2: no line may have exactly one hidden member (an unpublished one that gives no small
   * count away may be worked out: nobody is singled out by it, and what it leads to is for the
   * audit).
   */
  hideLoneCells(): void {
    const lines = this.table.lines;
    for (let changed = true; changed;) {
      changed = false;
      for (let index = 0; index < lines.length; index++) {
        if (this.hiddenInLine[index] !== 1 || this.freeInLine[index] !== 0) continue;
        const line = lines[index];
        let best: CellRef | null = this.hideable(line.total) ? line.total : null;
        for (const cell of line.parts) {
          if (this.hideable(cell) && (best === null || this.prefer(cell, best) < 0)) best = cell;
        }
        if (best !== null) {
          this.hide(best);
          changed = true;
        }
      }
    }
  }

  /**
   * Step 3: walks back from a pinned cell through the lines that narrowed it (and the hidden
   * cells those lines used) and picks the visible cell cheapest to lose among all it found,
   * the nearest to the pinned cell first when costs are equal.
   */
  breakPin(view: AttackerView, pinned: CellRef): { candidate: CellRef | null; lines: Set<number> } {
    const seenCells = new Set<CellRef>([pinned]);
    const seenLines = new Set<number>();
    let frontier: CellRef[] = [pinned];
    let best: CellRef | null = null;
    while (frontier.length > 0) {
      const next: CellRef[] = [];
      let nearest: CellRef | null = null;
      for (const cell of frontier) {
        for (const lineIndex of [view.causeLo[cell], view.causeHi[cell]]) {
          if (lineIndex < 0 || seenLines.has(lineIndex)) continue;
          seenLines.add(lineIndex);
          const line = this.table.lines[lineIndex];
          for (let m = -1; m < line.parts.length; m++) {
            const member = m < 0 ? line.total : line.parts[m];
            if (this.hideable(member)) {
              if (nearest === null || this.prefer(member, nearest) < 0) nearest = member;
            } else if (
              this.isHidden(member) &&
              !seenCells.has(member) &&
              (view.causeLo[member] >= 0 || view.causeHi[member] >= 0)
            ) {
              seenCells.add(member);
              next.push(member);
            }
          }
        }
      }
      // A farther cell wins only if it is cheaper to lose.
      if (nearest !== null && (best === null || this.cost[nearest] < this.cost[best])) best = nearest;
      frontier = next;
    }
    return { candidate: best, lines: seenLines };
  }
}
