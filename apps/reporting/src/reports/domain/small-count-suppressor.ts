import { CellRef, CountTable } from './count-table';
import { attack, AttackerView, CellState, disclosedCells } from './disclosure-audit';

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
    const value = this.table.value(cell);
    if (!this.isHidden(cell)) return value;
    return value < this.threshold ? `<${this.threshold}` : `≥${this.threshold}`;
  }

  /** Cells hidden to protect others (diagnostics, tests). */
  complementary(): CellRef[] {
    return [...this.state.keys()].filter((cell) => this.state[cell] === CellState.Complementary);
  }
}

/**
 * Small-count protection for published counts of people.
 *
 * 1. Primary suppression: a count from 1 to threshold − 1 is hidden (`<5`). Zero is shown: it
 *    singles nobody out.
 * 2. Complementary suppression: a line (`total = Σ parts`) with exactly one hidden member would
 *    give it away by subtraction, so the smallest other visible member is hidden too (a part
 *    before a total: totals are what readers need most).
 * 3. Audit: what a reader can still prove is computed ({@link attack}); while a primary cell can
 *    be pinned to one value — through a chain of lines, or because two `<5` cells must both be 4 —
 *    the smallest visible cell among the lines that pinned it is hidden, and it starts again.
 *
 * Every round hides at least one more cell, so it ends; if it ever ran out of cells to hide
 * while a value could still be pinned, the whole table is withheld rather than published.
 */
export class SmallCountSuppressor {
  constructor(private readonly threshold = DEFAULT_SUPPRESSION_THRESHOLD) {}

  protect(table: CountTable): ProtectedTable {
    const n = table.size;
    const state = new Uint8Array(n);
    for (let cell = 0; cell < n; cell++) {
      const value = table.value(cell);
      if (value >= 1 && value < this.threshold) state[cell] = CellState.Primary;
    }
    const isTotal = new Uint8Array(n);
    for (const line of table.lines) isTotal[line.total] = 1;
    const prefer = (a: CellRef, b: CellRef) =>
      isTotal[a] - isTotal[b] || table.value(a) - table.value(b) || a - b;

    for (;;) {
      this.hideLoneCells(table, state, prefer);
      const view = attack(table, state, this.threshold);
      const disclosed = disclosedCells(table, state, this.threshold, view);
      if (disclosed.length === 0) return new ProtectedTable(table, state, this.threshold, false);

      let hidden = 0;
      const touchedLines = new Set<number>();
      for (const cell of disclosed) {
        const { candidate, lines } = this.breakPin(table, state, view, cell, prefer);
        if ([...lines].some((line) => touchedLines.has(line))) continue; // re-audit first
        if (candidate === null) continue;
        state[candidate] = CellState.Complementary;
        hidden += 1;
        for (const line of lines) touchedLines.add(line);
      }
      if (hidden === 0) {
        for (let cell = 0; cell < n; cell++) if (state[cell] === CellState.Visible) state[cell] = CellState.Complementary;
        return new ProtectedTable(table, state, this.threshold, true);
      }
    }
  }

  /** Step 2: no line may have exactly one hidden member. */
  private hideLoneCells(table: CountTable, state: Uint8Array, prefer: (a: CellRef, b: CellRef) => number): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const line of table.lines) {
        let hidden = 0;
        let best: CellRef | null = null;
        for (const cell of [line.total, ...line.parts]) {
          if (state[cell] !== CellState.Visible) hidden += 1;
          else if (best === null || prefer(cell, best) < 0) best = cell;
        }
        if (hidden === 1 && best !== null) {
          state[best] = CellState.Complementary;
          changed = true;
        }
      }
    }
  }

  /**
   * Step 3: walks back from a pinned cell through the lines that narrowed it (and the hidden
   * cells those lines used) and picks the best visible cell found nearest to it.
   */
  private breakPin(
    table: CountTable,
    state: Uint8Array,
    view: AttackerView,
    pinned: CellRef,
    prefer: (a: CellRef, b: CellRef) => number,
  ): { candidate: CellRef | null; lines: Set<number> } {
    const seenCells = new Set<CellRef>([pinned]);
    const seenLines = new Set<number>();
    let frontier: CellRef[] = [pinned];
    while (frontier.length > 0) {
      const next: CellRef[] = [];
      let best: CellRef | null = null;
      for (const cell of frontier) {
        for (const lineIndex of [view.causeLo[cell], view.causeHi[cell]]) {
          if (lineIndex < 0 || seenLines.has(lineIndex)) continue;
          seenLines.add(lineIndex);
          const line = table.lines[lineIndex];
          for (const member of [line.total, ...line.parts]) {
            if (state[member] === CellState.Visible) {
              if (best === null || prefer(member, best) < 0) best = member;
            } else if (!seenCells.has(member) && (view.causeLo[member] >= 0 || view.causeHi[member] >= 0)) {
              seenCells.add(member);
              next.push(member);
            }
          }
        }
      }
      if (best !== null) return { candidate: best, lines: seenLines };
      frontier = next;
    }
    return { candidate: null, lines: seenLines };
  }
}
