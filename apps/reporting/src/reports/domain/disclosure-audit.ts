import { CellRef, CountTable } from './count-table';

/** How a cell is shown: its value, or hidden. */
export enum CellState {
  Visible = 0,
  /** Hidden because it is a small count (1 to threshold − 1). */
  Primary = 1,
  /** Hidden so that a primary cell cannot be worked out from the others. */
  Complementary = 2,
  /** Never shown ({@link CountTable.addUnpublished}): a reader knows only its bounds. */
  Unpublished = 3,
}

export interface AttackerView {
  /** Lowest and highest value a reader can prove for each cell. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** The line that last narrowed each bound (−1: the bound is the reader's prior). */
  readonly causeLo: Int32Array;
  readonly causeHi: Int32Array;
}

const MAX_PASSES = 200;

/**
 * What a reader can work out from a published table: every visible cell is exact, a hidden
 * cell shown as `<t` lies in [0, t−1] (a complementary zero is shown the same way), one shown
 * as `≥t` in [t, ∞), an unpublished one within the bounds it was given; then every declared
 * line `total = Σ parts` narrows the bounds of its hidden members, repeatedly, until nothing
 * moves (interval constraint propagation).
 *
 * This is sound (it never claims more than can be proved) and catches what subtraction and
 * chains of subtractions reveal — the attacks suppression is about. It is not a full linear
 * program over all lines at once; see the reporting README note.
 *
 * Each pass goes over the lines in order, as a plain sweep would, but skips a line none of whose
 * members moved since it was last gone over: going over it again would compute the same bounds
 * and narrow nothing, so the result (bounds, and the line that last narrowed each) is the
 * sweep's, at the cost of the lines that can still move.
 */
export function attack(table: CountTable, state: Uint8Array, threshold: number): AttackerView {
  const n = table.size;
  const values = table.values;
  const { totals, partStart, parts, cellLineStart, cellLines } = table.index();
  const lineCount = totals.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const causeLo = new Int32Array(n).fill(-1);
  const causeHi = new Int32Array(n).fill(-1);
  for (let cell = 0; cell < n; cell++) {
    const value = values[cell];
    if (state[cell] === CellState.Visible) {
      lo[cell] = hi[cell] = value;
    } else if (state[cell] === CellState.Unpublished) {
      lo[cell] = table.lowerBound(cell);
      hi[cell] = table.upperBound(cell);
    } else if (value < threshold) {
      lo[cell] = 0;
      hi[cell] = threshold - 1;
    } else {
      lo[cell] = threshold;
      hi[cell] = Infinity;
    }
  }
  // Lines without a hidden member say nothing new; the others are all to go over first.
  const dirty = new Uint8Array(lineCount);
  for (let line = 0; line < lineCount; line++) {
    let hidden = state[totals[line]] !== CellState.Visible;
    for (let i = partStart[line]; !hidden && i < partStart[line + 1]; i++)
      hidden = state[parts[i]] !== CellState.Visible;
    if (hidden) dirty[line] = 1;
  }
  const active = new Int32Array(lineCount);
  let activeCount = 0;
  for (let line = 0; line < lineCount; line++) if (dirty[line]) active[activeCount++] = line;

  let changed = false;
  const moved = (cell: CellRef) => {
    changed = true;
    for (let i = cellLineStart[cell]; i < cellLineStart[cell + 1]; i++) dirty[cellLines[i]] = 1;
  };
  const tighten = (cell: CellRef, newLo: number, newHi: number, cause: number) => {
    if (newLo > lo[cell]) {
      lo[cell] = newLo;
      causeLo[cell] = cause;
      moved(cell);
    }
    if (newHi < hi[cell]) {
      hi[cell] = newHi;
      causeHi[cell] = cause;
      moved(cell);
    }
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    changed = false;
    for (let a = 0; a < activeCount; a++) {
      const index = active[a];
      if (dirty[index] === 0) continue;
      dirty[index] = 0;
      const first = partStart[index];
      const last = partStart[index + 1];
      let sumLo = 0;
      let finiteHi = 0;
      let infinite = 0;
      for (let i = first; i < last; i++) {
        const part = parts[i];
        sumLo += lo[part];
        if (hi[part] === Infinity) infinite += 1;
        else finiteHi += hi[part];
      }
      const total = totals[index];
      tighten(total, sumLo, infinite > 0 ? Infinity : finiteHi, index);
      for (let i = first; i < last; i++) {
        const part = parts[i];
        const othersLo = sumLo - lo[part];
        const othersInfinite = infinite - (hi[part] === Infinity ? 1 : 0);
        const othersHi = othersInfinite > 0 ? Infinity : finiteHi - (hi[part] === Infinity ? 0 : hi[part]);
        tighten(part, lo[total] - othersHi, hi[total] - othersLo, index);
      }
    }
    if (!changed) break;
  }
  return { lo, hi, causeLo, causeHi };
}

export function isSmall(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

/**
 * An unpublished cell that must not be pinned either: a small count, or one at the top of its
 * bounds (sessions each `<5` adding up to 4 × their number are each 4).
 */
export function isSensitiveUnpublished(table: CountTable, cell: CellRef, threshold: number): boolean {
  const value = table.value(cell);
  return isSmall(value, threshold) || (value > 0 && value === table.upperBound(cell));
}

/**
 * Small counts a reader can pin to one exact value: primary cells, and the unpublished cells that
 * would give small counts away ({@link isSensitiveUnpublished}: a slice of sessions worked out
 * from the totals around it is a count of people all the same).
 */
export function disclosedCells(
  table: CountTable,
  state: Uint8Array,
  threshold: number,
  view = attack(table, state, threshold),
): CellRef[] {
  const disclosed: CellRef[] = [];
  for (let cell = 0; cell < table.size; cell++) {
    if (view.lo[cell] !== view.hi[cell]) continue;
    if (
      state[cell] === CellState.Primary ||
      (state[cell] === CellState.Unpublished && isSensitiveUnpublished(table, cell, threshold))
    )
      disclosed.push(cell);
  }
  return disclosed;
}
