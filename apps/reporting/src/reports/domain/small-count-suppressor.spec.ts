import { CellRef, CountTable } from './count-table';
import { attack, CellState, disclosedCells } from './disclosure-audit';
import { SmallCountSuppressor } from './small-count-suppressor';

const suppressor = new SmallCountSuppressor(5);

/** A one-way breakdown (e.g. participants by profession) with its published total. */
function breakdown(values: number[]): { table: CountTable; cells: CellRef[]; total: CellRef } {
  const table = new CountTable();
  const cells = values.map((value, i) => table.add(value, `cell ${i}`));
  const total = table.add(
    values.reduce((a, b) => a + b, 0),
    'total',
  );
  table.sum(total, cells);
  return { table, cells, total };
}

/** A rows × columns table with row totals, column totals and the grand total, all published. */
function crossTable(rows: number[][]) {
  const table = new CountTable();
  const cells = rows.map((row, r) => row.map((value, c) => table.add(value, `r${r}c${c}`)));
  const rowTotals = rows.map((row, r) =>
    table.add(
      row.reduce((a, b) => a + b, 0),
      `r${r} total`,
    ),
  );
  const columnTotals = rows[0].map((_, c) =>
    table.add(
      rows.reduce((a, row) => a + row[c], 0),
      `c${c} total`,
    ),
  );
  const grand = table.add(
    rowTotals.reduce((a, cell) => a + table.value(cell), 0),
    'grand total',
  );
  rows.forEach((_, r) => table.sum(rowTotals[r], cells[r]));
  rows[0].forEach((_, c) =>
    table.sum(
      columnTotals[c],
      cells.map((row) => row[c]),
    ),
  );
  table.sum(grand, rowTotals);
  table.sum(grand, columnTotals);
  return { table, cells, rowTotals, columnTotals, grand };
}

/** Only the small cells hidden, nothing else: what protection without complements would publish. */
function primaryOnly(table: CountTable): Uint8Array {
  const state = new Uint8Array(table.size);
  for (let cell = 0; cell < table.size; cell++) {
    const value = table.value(cell);
    if (value >= 1 && value < 5) state[cell] = CellState.Primary;
  }
  return state;
}

function expectSafe(table: CountTable) {
  const result = suppressor.protect(table);
  for (let cell = 0; cell < table.size; cell++) {
    const value = table.value(cell);
    if (value >= 1 && value < 5) expect(result.display(cell)).toBe('<5');
    if (!result.isHidden(cell)) expect(result.display(cell)).toBe(value);
  }
  expect(disclosedCells(table, result.state, 5)).toEqual([]);
  expect(result.withheld).toBe(false);
  return result;
}

describe('SmallCountSuppressor', () => {
  it('publishes a breakdown without small counts unchanged, zeros included', () => {
    const { table, cells, total } = breakdown([12, 7, 0, 5]);
    const result = suppressor.protect(table);
    expect([...cells, total].map((cell) => result.display(cell))).toEqual([12, 7, 0, 5, 24]);
  });

  it('hides a single small cell that the total would give away, and the next smallest cell with it', () => {
    // Participants by profession: infirmier 12, médecin 7, kiné 3, psychologue 0, sage-femme 0.
    const { table, cells, total } = breakdown([12, 7, 3, 0, 0]);

    // Hiding only the 3 is not enough: 22 − 12 − 7 − 0 − 0 gives it back.
    const naive = primaryOnly(table);
    expect(disclosedCells(table, naive, 5)).toEqual([cells[2]]);
    const view = attack(table, naive, 5);
    expect([view.lo[cells[2]], view.hi[cells[2]]]).toEqual([3, 3]);

    const result = suppressor.protect(table);
    expect([...cells, total].map((cell) => result.display(cell))).toEqual([12, 7, '<5', '<5', 0, 22]);
    expect(result.complementary()).toEqual([cells[3]]);
    // The reader now only knows that the two hidden cells add up to 3.
    const after = attack(table, result.state, 5);
    expect([after.lo[cells[2]], after.hi[cells[2]]]).toEqual([0, 3]);
    expect(disclosedCells(table, result.state, 5)).toEqual([]);
  });

  it('hides a larger cell as ≥5 when no small or zero cell is left to pair with', () => {
    const { table, cells, total } = breakdown([3, 12, 20]);
    const result = suppressor.protect(table);
    expect([...cells, total].map((cell) => result.display(cell))).toEqual(['<5', '≥5', 20, 35]);
    expect(disclosedCells(table, result.state, 5)).toEqual([]);
  });

  it('does not let two hidden cells give themselves away when they can only both be 4', () => {
    // 4 + 4 = 17 − 9: both hidden cells are at most 4, so both must be 4.
    const { table, cells, total } = breakdown([4, 4, 9]);
    const naive = primaryOnly(table);
    expect(disclosedCells(table, naive, 5)).toEqual([cells[0], cells[1]]);

    const result = suppressor.protect(table);
    expect([...cells, total].map((cell) => result.display(cell))).toEqual(['<5', '<5', '≥5', 17]);
    expect(disclosedCells(table, result.state, 5)).toEqual([]);
  });

  it('protects a two-way table with margins (a small cell needs a rectangle of hidden cells)', () => {
    const { table, cells } = crossTable([
      [20, 3, 15],
      [12, 9, 30],
      [8, 14, 6],
    ]);
    const naive = primaryOnly(table);
    expect(disclosedCells(table, naive, 5)).toEqual([cells[0][1]]);
    const result = expectSafe(table);
    // At least one other cell in its row and one in its column are hidden.
    expect(cells[0].filter((cell) => result.isHidden(cell)).length).toBeGreaterThanOrEqual(2);
    expect(cells.map((row) => row[1]).filter((cell) => result.isHidden(cell)).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('protects linked tables: a hidden activity cannot be recovered from its category and its sibling', () => {
    // Category "Gestion des émotions" = groupe de parole (3) + sophrologie (10); the overall
    // total is published too, with another category of 25.
    const table = new CountTable();
    const parole = table.add(3, 'groupe de parole');
    const sophro = table.add(10, 'sophrologie');
    const pilates = table.add(25, 'pilates');
    const emotions = table.add(13, 'catégorie émotions');
    const energy = table.add(25, 'catégorie énergie');
    const total = table.add(38, 'total');
    table.sum(emotions, [parole, sophro]);
    table.sum(energy, [pilates]);
    table.sum(total, [parole, sophro, pilates]);
    table.sum(total, [emotions, energy]);

    expect(disclosedCells(table, primaryOnly(table), 5)).toEqual([parole]);
    const result = expectSafe(table);
    expect(result.isHidden(sophro)).toBe(true);
  });

  it('follows a chain of subtractions across lines', () => {
    // Session rows add up to the activity, activities to the total; the only hidden cell of the
    // activity line is revealed once the activity itself is known from the total.
    const table = new CountTable();
    const s1 = table.add(2, 'session 1');
    const s2 = table.add(9, 'session 2');
    const a1 = table.add(11, 'activity 1');
    const a2 = table.add(30, 'activity 2');
    const total = table.add(41, 'total');
    table.sum(a1, [s1, s2]);
    table.sum(total, [a1, a2]);
    expectSafe(table);
  });

  it('keeps every small cell hidden and none recoverable on many random tables', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 200; run++) {
      const rows = 2 + Math.floor(random() * 4);
      const columns = 2 + Math.floor(random() * 4);
      const values = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () =>
          random() < 0.35 ? Math.floor(random() * 5) : Math.floor(random() * 30),
        ),
      );
      expectSafe(crossTable(values).table);
    }
  });

  it('refuses a declared relation that does not hold', () => {
    const table = new CountTable();
    const a = table.add(2);
    const b = table.add(3);
    const total = table.add(6, 'total');
    expect(() => table.sum(total, [a, b])).toThrow('6 ≠ 5');
  });
});
