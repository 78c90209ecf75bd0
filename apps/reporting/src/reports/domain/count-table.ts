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
 * Counts of people about to be published together, and the additive relations between them
 * that a reader can use to work a hidden count out: a breakdown's cells add up to its total,
 * activities add up to their category, a session's cancellations add up by who cancelled…
 * Every relation a reader could write from what is published (or from how the domain works)
 * must be declared, or suppression cannot protect against it.
 */
export class CountTable {
  private readonly cellValues: number[] = [];
  private readonly cellLabels: string[] = [];
  private readonly cellCosts: (number | undefined)[] = [];
  /** The bounds a reader knows for each unpublished cell. */
  private readonly unpublishedCells = new Map<CellRef, Bounds>();
  private readonly declaredLines: CountLine[] = [];

  /**
   * Adds a count of people; `label` only serves diagnostics and tests. `cost` is how much
   * readers lose when this cell is hidden to protect another (a session row costs less than a
   * month, a month less than the grand total); by default a part costs 0 and a total 1.
   */
  add(value: number, label = '', cost?: number): CellRef {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`A count must be a whole number ≥ 0, got ${value} (${label})`);
    this.cellValues.push(value);
    this.cellLabels.push(label);
    this.cellCosts.push(cost);
    return this.cellValues.length - 1;
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
    this.unpublishedCells.set(cell, bounds);
    return cell;
  }

  isPublished(cell: CellRef): boolean {
    return !this.unpublishedCells.has(cell);
  }

  /** What a reader knows of an unpublished cell. */
  bounds(cell: CellRef): Bounds {
    return this.unpublishedCells.get(cell) ?? { lo: 0, hi: Infinity };
  }

  /** The cost given to `add`, if any. */
  cost(cell: CellRef): number | undefined {
    return this.cellCosts[cell];
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
    const value = this.cellValues[cell];
    if (value === undefined) throw new Error(`No cell ${cell}`);
    return value;
  }

  label(cell: CellRef): string {
    return this.cellLabels[cell] ?? `#${cell}`;
  }

  get size(): number {
    return this.cellValues.length;
  }

  get lines(): readonly CountLine[] {
    return this.declaredLines;
  }

  get values(): readonly number[] {
    return this.cellValues;
  }
}
