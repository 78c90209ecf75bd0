/** A cell of a {@link CountTable}: its index. */
export type CellRef = number;

export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/** `total = Σ parts`, as anyone reading the published tables can write it. */
export interface CountLine {
  readonly total: CellRef;
  readonly parts: readonly CellRef[];
}

/**
 * The lines of a {@link CountTable} as flat arrays, for the suppressor and the audit that go over
 * them many times: line `l` is `totals[l] = Σ parts[partStart[l] .. partStart[l + 1] − 1]`, and
 * the lines a cell belongs to (as total or part, once per place) are
 * `cellLines[cellLineStart[c] .. cellLineStart[c + 1] − 1]`, in line order.
 */
export interface LineIndex {
  readonly totals: Int32Array;
  readonly partStart: Int32Array;
  readonly parts: Int32Array;
  readonly cellLineStart: Int32Array;
  readonly cellLines: Int32Array;
}

/**
 * Counts of people about to be published together, and the additive relations between them
 * that a reader can use to work a hidden count out: a breakdown's cells add up to its total,
 * activities add up to their category, a session's cancellations add up by who cancelled…
 * Every relation a reader could write from what is published (or from how the domain works)
 * must be declared, or suppression cannot protect against it.
 */
export class CountTable {
  private count = 0;
  /** Per cell, grown by doubling: its value, its cost (NaN: none given), whether it is unpublished and its bounds. */
  private cellValues = new Float64Array(256);
  private cellCosts = new Float64Array(256);
  private cellUnpublished = new Uint8Array(256);
  private cellLo = new Float64Array(256);
  private cellHi = new Float64Array(256);
  private readonly cellLabels: string[] = [];
  private readonly declaredLines: CountLine[] = [];
  private compiled: { size: number; lines: number; index: LineIndex } | null = null;

  /**
   * Adds a count of people; `label` only serves diagnostics and tests. `cost` is how much
   * readers lose when this cell is hidden to protect another (a session row costs less than a
   * month, a month less than the grand total); by default a part costs 0 and a total 1.
   */
  add(value: number, label = '', cost?: number): CellRef {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`A count must be a whole number ≥ 0, got ${value} (${label})`);
    if (this.count === this.cellValues.length) this.grow();
    const cell = this.count++;
    this.cellValues[cell] = value;
    this.cellCosts[cell] = cost ?? NaN;
    this.cellHi[cell] = Infinity;
    this.cellLabels.push(label);
    return cell;
  }

  /**
   * Adds a count that the report does not publish but that ties published ones together (the
   * sessions of one activity in one month between the activity's and the month's figures): it is
   * never shown, and a reader knows only that it lies within `bounds` (by default ≥ 0).
   */
  addUnpublished(value: number, label = '', bounds: Bounds = { lo: 0, hi: Infinity }): CellRef {
    if (value < bounds.lo || value > bounds.hi)
      throw new Error(`${label}: ${value} is outside its bounds [${bounds.lo}, ${bounds.hi}]`);
    const cell = this.add(value, label);
    this.cellUnpublished[cell] = 1;
    this.cellLo[cell] = bounds.lo;
    this.cellHi[cell] = bounds.hi;
    return cell;
  }

  private grow(): void {
    const grown = <T extends Float64Array | Uint8Array>(array: T): T => {
      const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
      larger.set(array);
      return larger;
    };
    this.cellValues = grown(this.cellValues);
    this.cellCosts = grown(this.cellCosts);
    this.cellUnpublished = grown(this.cellUnpublished);
    this.cellLo = grown(this.cellLo);
    this.cellHi = grown(this.cellHi);
  }

  isPublished(cell: CellRef): boolean {
    return this.cellUnpublished[cell] !== 1;
  }

  /** What a reader knows of an unpublished cell. */
  bounds(cell: CellRef): Bounds {
    return { lo: this.lowerBound(cell), hi: this.upperBound(cell) };
  }

  /** `bounds(cell).lo` without building the object (the audit reads it for every cell). */
  lowerBound(cell: CellRef): number {
    return cell < this.count ? this.cellLo[cell] : 0;
  }

  upperBound(cell: CellRef): number {
    return cell < this.count ? this.cellHi[cell] : Infinity;
  }

  /** The cost given to `add`, if any. */
  cost(cell: CellRef): number | undefined {
    const cost = this.cellCosts[cell];
    return cell < this.count && !Number.isNaN(cost) ? cost : undefined;
  }

  /** Declares that `total` is the sum of `parts` (checked: a wrong relation is a programming error). */
  sum(total: CellRef, parts: readonly CellRef[]): void {
    if (parts.length === 0) return;
    const sum = parts.reduce((acc, part) => acc + this.value(part), 0);
    if (sum !== this.value(total)) {
      throw new Error(
        `Declared ${this.label(total)} = Σ ${parts.length} parts, but ${this.value(total)} ≠ ${sum}`,
      );
    }
    this.declaredLines.push({ total, parts: [...parts] });
  }

  value(cell: CellRef): number {
    if (!(cell >= 0 && cell < this.count)) throw new Error(`No cell ${cell}`);
    return this.cellValues[cell];
  }

  label(cell: CellRef): string {
    return this.cellLabels[cell] ?? `#${cell}`;
  }

  get size(): number {
    return this.count;
  }

  get lines(): readonly CountLine[] {
    return this.declaredLines;
  }

  /** Every cell's value, by cell (a view: read it before adding more cells). */
  get values(): Readonly<Float64Array> {
    return this.cellValues.subarray(0, this.count);
  }

  /** The lines as flat arrays (built once for the table as it is, again if cells or lines were added since). */
  index(): LineIndex {
    const size = this.size;
    const lines = this.declaredLines;
    if (this.compiled?.size === size && this.compiled.lines === lines.length) return this.compiled.index;
    const totals = new Int32Array(lines.length);
    const partStart = new Int32Array(lines.length + 1);
    lines.forEach((line, l) => {
      totals[l] = line.total;
      partStart[l + 1] = partStart[l] + line.parts.length;
    });
    const parts = new Int32Array(partStart[lines.length]);
    const cellLineStart = new Int32Array(size + 1);
    lines.forEach((line, l) => {
      parts.set(line.parts, partStart[l]);
      cellLineStart[line.total + 1] += 1;
      for (const part of line.parts) cellLineStart[part + 1] += 1;
    });
    for (let cell = 0; cell < size; cell++) cellLineStart[cell + 1] += cellLineStart[cell];
    const cellLines = new Int32Array(cellLineStart[size]);
    const fill = cellLineStart.slice(0, size);
    lines.forEach((line, l) => {
      cellLines[fill[line.total]++] = l;
      for (const part of line.parts) cellLines[fill[part]++] = l;
    });
    const index = { totals, partStart, parts, cellLineStart, cellLines };
    this.compiled = { size, lines: lines.length, index };
    return index;
  }
}
