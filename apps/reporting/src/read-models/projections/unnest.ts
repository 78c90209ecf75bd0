/** One column of a multi-row statement: its name, its PostgreSQL type and how a row gives its value. */
export interface Column<R> {
  readonly name: string;
  readonly type: string;
  readonly of: (row: R) => unknown;
}

/** A column holding a field of the row object as it is (`key`), so rows can also be read back by it. */
export interface FieldColumn<R> extends Column<R> {
  readonly key: keyof R & string;
}

export function column<R>(name: string, type: string, of: (row: R) => unknown): Column<R> {
  return { name, type, of };
}

export function field<R>(name: string, type: string, key: keyof R & string): FieldColumn<R> {
  return { name, type, key, of: (row) => row[key] };
}

/**
 * `unnest($n::type[], …) AS v(name, …)` over `rows`, one array parameter per column, numbered
 * from `first`: a statement of any number of rows with a fixed, generated list of parameters
 * (nothing to count by hand, one round trip).
 */
export function unnest<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  first: number,
): { sql: string; values: unknown[][] } {
  const arrays = columns.map((c, i) => `$${first + i}::${c.type}[]`).join(', ');
  return {
    sql: `unnest(${arrays}) AS v(${columns.map((c) => c.name).join(', ')})`,
    values: columns.map((c) => rows.map((row) => c.of(row) ?? null)),
  };
}

/** `name = v.name, …`: an UPDATE … FROM unnest. */
export function assignFrom(columns: readonly { name: string }[]): string {
  return columns.map((c) => `${c.name} = v.${c.name}`).join(', ');
}

/** `name = EXCLUDED.name, …`: an upsert that writes the row the batch folded. */
export function assignExcluded(columns: readonly { name: string }[]): string {
  return columns.map((c) => `${c.name} = EXCLUDED.${c.name}`).join(', ');
}

/**
 * The SELECT list reading rows back as the objects the columns were made from: instants and
 * dates as text (written back as they were read), the rest as the driver gives them.
 */
export function selectAs<R>(columns: readonly FieldColumn<R>[], alias = ''): string {
  const text = new Set(['timestamptz', 'date']);
  return columns.map((c) => `${alias}${c.name}${text.has(c.type) ? '::text' : ''} AS "${c.key}"`).join(', ');
}
