import { CellRef, CountTable } from './count-table';
import { attack, AttackerView, CellState } from './disclosure-audit';

/**
 * The audit as a plain sweep: every line with a hidden member, in order, every pass, until a pass
 * narrows nothing. `attack` skips the lines none of whose members moved since it last went over
 * them; its bounds, and the line that last narrowed each, must be the sweep's exactly (the
 * suppressor picks complements by them).
 */
function sweep(table: CountTable, state: Uint8Array, threshold: number): AttackerView {
  const n = table.size;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const causeLo = new Int32Array(n).fill(-1);
  const causeHi = new Int32Array(n).fill(-1);
  for (let cell = 0; cell < n; cell++) {
    const value = table.value(cell);
    if (state[cell] === CellState.Visible) lo[cell] = hi[cell] = value;
    else if (state[cell] === CellState.Unpublished) ({ lo: lo[cell], hi: hi[cell] } = table.bounds(cell));
    else if (value < threshold) [lo[cell], hi[cell]] = [0, threshold - 1];
    else [lo[cell], hi[cell]] = [threshold, Infinity];
  }
  const lines = table.lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => [line.total, ...line.parts].some((c) => state[c] !== CellState.Visible));
  for (let pass = 0; pass < 200; pass++) {
    let changed = false;
    const tighten = (cell: CellRef, newLo: number, newHi: number, cause: number) => {
      if (newLo > lo[cell]) [lo[cell], causeLo[cell], changed] = [newLo, cause, true];
      if (newHi < hi[cell]) [hi[cell], causeHi[cell], changed] = [newHi, cause, true];
    };
    for (const { line, index } of lines) {
      const sumLo = line.parts.reduce((sum, p) => sum + lo[p], 0);
      const infinite = line.parts.filter((p) => hi[p] === Infinity).length;
      const finiteHi = line.parts.reduce((sum, p) => sum + (hi[p] === Infinity ? 0 : hi[p]), 0);
      tighten(line.total, sumLo, infinite > 0 ? Infinity : finiteHi, index);
      for (const part of line.parts) {
        const othersInfinite = infinite - (hi[part] === Infinity ? 1 : 0);
        const othersHi = othersInfinite > 0 ? Infinity : finiteHi - (hi[part] === Infinity ? 0 : hi[part]);
        tighten(part, lo[line.total] - othersHi, hi[line.total] - (sumLo - lo[part]), index);
      }
    }
    if (!changed) break;
  }
  return { lo, hi, causeLo, causeHi };
}

describe('attack (the disclosure audit)', () => {
  it('proves what a plain sweep over every line proves, with the same causes, on random linked tables', () => {
    let seed = 2026;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 300; run++) {
      // Groups of unpublished or published parts under totals, totals under a grand total, and
      // each part in a second grouping too (activities × months): chains of lines to follow.
      const table = new CountTable();
      const rows = 2 + Math.floor(random() * 4);
      const columns = 2 + Math.floor(random() * 4);
      const unpublished = random() < 0.5;
      const values = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () =>
          random() < 0.4 ? Math.floor(random() * 5) : Math.floor(random() * 20),
        ),
      );
      const cells = values.map((row) =>
        row.map((value) =>
          unpublished
            ? table.addUnpublished(value, '', random() < 0.3 ? { lo: 0, hi: Math.max(value, 4) } : undefined)
            : table.add(value),
        ),
      );
      const rowTotals = values.map((row) => table.add(row.reduce((a, b) => a + b, 0)));
      const columnTotals = values[0].map((_, c) => table.add(values.reduce((a, row) => a + row[c], 0)));
      const grand = table.add(values.flat().reduce((a, b) => a + b, 0));
      rowTotals.forEach((total, r) => table.sum(total, cells[r]));
      columnTotals.forEach((total, c) =>
        table.sum(
          total,
          cells.map((row) => row[c]),
        ),
      );
      table.sum(grand, rowTotals);
      table.sum(grand, columnTotals);
      const state = new Uint8Array(table.size);
      for (let cell = 0; cell < table.size; cell++) {
        if (!table.isPublished(cell)) state[cell] = CellState.Unpublished;
        else if (random() < 0.3) state[cell] = random() < 0.5 ? CellState.Primary : CellState.Complementary;
      }
      const expected = sweep(table, state, 5);
      const actual = attack(table, state, 5);
      expect(Array.from(actual.lo)).toEqual(Array.from(expected.lo));
      expect(Array.from(actual.hi)).toEqual(Array.from(expected.hi));
      expect(Array.from(actual.causeLo)).toEqual(Array.from(expected.causeLo));
      expect(Array.from(actual.causeHi)).toEqual(Array.from(expected.causeHi));
    }
  });
});
