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

  it('protects published margins around unpublished inner cells, choosing complements among the margins', () => {
    // Activities (rows) × months (columns): the report shows the margins, never an activity's month.
    const values = [
      [20, 3, 0],
      [12, 9, 30],
      [8, 14, 6],
    ];
    const table = new CountTable();
    const inner = values.map((row) => row.map((value) => table.addUnpublished(value)));
    const rows = values.map((row, r) =>
      table.add(
        row.reduce((a, b) => a + b, 0),
        `activity ${r}`,
      ),
    );
    const columns = values[0].map((_, c) =>
      table.add(
        values.reduce((a, row) => a + row[c], 0),
        `month ${c}`,
      ),
    );
    const grand = table.add(102, 'total');
    values.forEach((_, r) => table.sum(rows[r], inner[r]));
    values[0].forEach((_, c) =>
      table.sum(
        columns[c],
        inner.map((row) => row[c]),
      ),
    );
    table.sum(grand, rows);
    table.sum(grand, columns);

    const result = suppressor.protect(table);
    // The 3 is never shown, so nothing small is published: every margin is shown.
    expect([...rows, ...columns, grand].map((cell) => result.display(cell))).toEqual([
      23, 51, 28, 40, 26, 36, 102,
    ]);
    for (const cell of inner.flat()) expect(result.state[cell]).toBe(CellState.Unpublished);
    expect(() => result.display(inner[0][1])).toThrow('unpublished');
    expect(disclosedCells(table, result.state, 5)).toEqual([]);
  });

  it('hides a small margin and a complement among the margins, not an unpublished cell', () => {
    const table = new CountTable();
    const inner = [table.addUnpublished(3), table.addUnpublished(10), table.addUnpublished(25)];
    const months = inner.map((cell, i) => table.add(table.value(cell), `month ${i}`));
    const activity = table.add(38, 'activity');
    const total = table.add(38, 'total');
    months.forEach((month, i) => table.sum(month, [inner[i]]));
    table.sum(activity, inner);
    table.sum(total, months);

    const result = suppressor.protect(table);
    expect(months.map((cell) => result.display(cell))).toEqual(['<5', '≥5', 25]);
    expect([result.display(activity), result.display(total)]).toEqual([38, 38]);
    // Through the unpublished cells: activity − month 2 = month 0 + month 1, a sum of two hidden cells.
    expect(disclosedCells(table, result.state, 5)).toEqual([]);
  });

  it('keeps the states it is given (fixed by another report) and picks complements among the others', () => {
    const { table, cells, total } = breakdown([12, 7, 3, 0, 0]);
    // Alone, the 0 after the 3 would be the complement; here another report already shows it.
    const shown = suppressor.protect(table, new Map([[cells[3], CellState.Visible]]));
    expect(shown.isHidden(cells[3])).toBe(false);
    expect(shown.isHidden(cells[2])).toBe(true);
    expect([cells[0], cells[1], cells[4], total].filter((cell) => shown.isHidden(cell))).toHaveLength(1);
    expect(disclosedCells(table, shown.state, 5)).toEqual([]);

    // The total already hidden elsewhere: the 3 is not alone in its line, nothing more is hidden.
    const hidden = suppressor.protect(table, new Map([[total, CellState.Complementary]]));
    expect([...cells, total].map((cell) => hidden.display(cell))).toEqual([12, 7, '<5', 0, 0, '≥5']);
    expect(disclosedCells(table, hidden.state, 5)).toEqual([]);
  });

  it('refuses a declared relation that does not hold', () => {
    const table = new CountTable();
    const a = table.add(2);
    const b = table.add(3);
    const total = table.add(6, 'total');
    expect(() => table.sum(total, [a, b])).toThrow('6 ≠ 5');
  });
});
