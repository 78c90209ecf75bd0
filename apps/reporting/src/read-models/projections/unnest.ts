/** The PostgreSQL types the projection writes. */
export type SqlType =
  'uuid' | 'text' | 'date' | 'timestamptz' | 'int' | 'smallint' | 'boolean' | 'bytea' | 'jsonb';

/** One column of a multi-row statement: its name, its PostgreSQL type and how a row gives its value. */
export interface Column<R> {
  readonly name: string;
  readonly type: SqlType;
  readonly of: (row: R) => unknown;
}

/** A column holding a field of the row object as it is (`key`), so rows can also be read back by it. */
export interface FieldColumn<R> extends Column<R> {
  readonly key: keyof R & string;
}

export function column<R>(name: string, type: SqlType, of: (row: R) => unknown): Column<R> {
  return { name, type, of };
}

export function field<R>(name: string, type: SqlType, key: keyof R & string): FieldColumn<R> {
  return { name, type, key, of: (row) => row[key] };
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Columns holding fields of the row as they are, listed by SQL type, each named after its field
 * in snake_case (`startsAt` → `starts_at`), in the order given.
 */
export function fields<R>(byType: Partial<Record<SqlType, readonly (keyof R & string)[]>>): FieldColumn<R>[] {
  return (Object.entries(byType) as [SqlType, (keyof R & string)[]][]).flatMap(([type, keys]) =>
    keys.map((key) => field<R>(snakeCase(key), type, key)),
  );
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
    sql: `unnest(${arrays}) AS v(${names(columns)})`,
    values: columns.map((c) => rows.map((row) => c.of(row) ?? null)),
  };
}

export const names = (columns: readonly { name: string }[]): string => columns.map((c) => c.name).join(', ');

/** `name = v.name, …`: an UPDATE … FROM unnest. */
export function assignFrom(columns: readonly { name: string }[]): string {
  return columns.map((c) => `${c.name} = v.${c.name}`).join(', ');
}

/**
 * The SELECT list reading rows back as the objects the columns were made from: instants and
 * dates as text (written back as they were read), the rest as the driver gives them.
 */
export function selectAs<R>(columns: readonly FieldColumn<R>[], alias = ''): string {
  const text = new Set(['timestamptz', 'date']);
  return columns.map((c) => `${alias}${c.name}${text.has(c.type) ? '::text' : ''} AS "${c.key}"`).join(', ');
}

/** How an upsert sets a column of the row it finds (`found.column`) from the batch's row (`EXCLUDED.column`). */
export type Merge = (found: string, column: string) => string;

/** The batch's value (the row as the batch folded it). */
export const replace: Merge = (_found, c) => `EXCLUDED.${c}`;
/** The value found, left as it is. */
export const keep: Merge = (found, c) => `${found}.${c}`;
/** The batch's value added to the value found (a count's delta). */
export const add: Merge = (found, c) => `${found}.${c} + EXCLUDED.${c}`;
/** The batch's value, unless null: then the value found (an event that does not carry it). */
export const unlessNull: Merge = (found, c) => `COALESCE(EXCLUDED.${c}, ${found}.${c})`;
/** The value found, unless null: the first value recorded stays. */
export const first: Merge = (found, c) => `COALESCE(${found}.${c}, EXCLUDED.${c})`;
/** The larger of both. */
export const greatest: Merge = (found, c) => `GREATEST(${found}.${c}, EXCLUDED.${c})`;
/** The batch's value when `condition` holds (SQL of the row found and `EXCLUDED`), else the value found. */
export const replaceWhen =
  (condition: (found: string) => string): Merge =>
  (found, c) =>
    `CASE WHEN ${condition(found)} THEN EXCLUDED.${c} ELSE ${found}.${c} END`;

/**
 * One read-model table as the projection writes it: a multi-row `INSERT … SELECT $1, … FROM
 * unnest(…)` of the tenant's rows, and what becomes of a row already there. Every upsert of the
 * projection is one of these descriptions and `upsertSql`: nothing else to write by hand.
 */
export interface Upsert<R> {
  /** The columns a row is found by after `tenant_id` (the conflict target), rows written in their order. */
  readonly key: readonly Column<R>[];
  readonly values: readonly Column<R>[];
  /**
   * What a row found becomes: each value column merged (`replace` unless named here), or
   * `nothing` (the first row written stays, `ON CONFLICT DO NOTHING`).
   */
  readonly merge?: Readonly<Record<string, Merge>> | 'nothing';
  /** A row found changes only when this holds (SQL of the row found, `found`, and `EXCLUDED`). */
  readonly when?: (found: string) => string;
  /** What the SELECT writes into a column instead of the value carried (`v.<name>`): a conversion. */
  readonly select?: Readonly<Record<string, string>>;
}

/** Options of one statement: more columns carried (not written), what the unnest joins, what it returns. */
export interface UpsertOptions<R> {
  /** Number of the first parameter (`$1` is the tenant). */
  first?: number;
  carry?: readonly Column<R>[];
  join?: string;
  returning?: string;
  /** Conversions of this statement only (see `Upsert.select`). */
  select?: Readonly<Record<string, string>>;
}

/** The statement writing `rows` of the tenant (`$1`) into `table` as `upsert` describes. */
export function upsertSql<R>(
  table: string,
  upsert: Upsert<R>,
  rows: readonly R[],
  options: UpsertOptions<R> = {},
): { sql: string; values: unknown[][] } {
  const written = [...upsert.key, ...upsert.values];
  const v = unnest([...written, ...(options.carry ?? [])], rows, options.first ?? 2);
  const select = { ...upsert.select, ...options.select };
  const expressions = written.map((c) => select[c.name] ?? `v.${c.name}`).join(', ');
  const order = upsert.key.length > 0 ? ` ORDER BY ${upsert.key.map((c) => `v.${c.name}`).join(', ')}` : '';
  const sql = `INSERT INTO ${table} (tenant_id, ${names(written)})
     SELECT $1, ${expressions} FROM ${v.sql} ${options.join ?? ''}${order}
     ${onConflict(table, upsert)}${options.returning ? ` RETURNING ${options.returning}` : ''}`;
  return { sql, values: v.values };
}

function onConflict<R>(table: string, upsert: Upsert<R>): string {
  if (upsert.merge === 'nothing') return 'ON CONFLICT DO NOTHING';
  const target = ['tenant_id', ...upsert.key.map((c) => c.name)].join(', ');
  const merges = upsert.merge ?? {};
  const set = upsert.values
    .map((c) => [c.name, merges[c.name] ?? replace] as const)
    .filter(([, merge]) => merge !== keep)
    .map(([name, merge]) => `${name} = ${merge(table, name)}`)
    .join(', ');
  return `ON CONFLICT (${target}) DO UPDATE SET ${set}${upsert.when ? ` WHERE ${upsert.when(table)}` : ''}`;
}
