/**
 * A row's columns under their camelCase names (`starts_at` → `startsAt`): a repository's domain
 * object where it is its row to the letter, instead of a hand-written `startsAt: row.starts_at`
 * line per column. The compile checks the fit both ways: a row with a column the domain object
 * does not have (it would leak into it), without one it has, or with a column of another type
 * does not compile. A value that needs converting is taken out of the row first:
 *
 * ```ts
 * const { waitlist_position, ...rest } = row;
 * const view: Omit<RegistrationView, 'waitlistPosition'> = camelRow(rest);
 * ```
 */
export function camelRow<Domain, Row extends object>(
  row: Row & FitsDomain<Row, Target<Domain>>,
): Target<Domain> {
  return renamed(row, camelName) as Target<Domain>;
}

/** `starts_at` → `startsAt`, as a type. */
export type CamelName<Column extends string> = Column extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelName<Tail>>}`
  : Column;

export type CamelRow<Row> = { [Column in keyof Row & string as CamelName<Column>]: Row[Column] };

/** The domain object itself where the answer is `Domain | null`, or a promise of it (an async function's). */
type Target<Domain> = NonNullable<Awaited<Domain>>;

type KeysApart<A, B> = Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>;

/** Nothing when the row fits the domain object; else a property no row has, naming what does not fit. */
type FitsDomain<Row, Domain> = [KeysApart<CamelRow<Row>, Domain>] extends [never]
  ? CamelRow<Row> extends Domain
    ? unknown
    : {
        columnOfAnotherType: {
          [K in keyof Domain]: K extends keyof CamelRow<Row> ? CamelRow<Row>[K] : never;
        };
      }
  : { columnMissingOrExtra: KeysApart<CamelRow<Row>, Domain> };

/**
 * A domain object as a row: each property under its snake_case column name (`startsAt` →
 * `starts_at`), for an insert's values (`.values({ tenant_id: tenantId, ...snakeRow(feedback) })`).
 * The query builder checks each column's type and that none it needs is missing; a property with
 * no column fails in PostgreSQL, so give it only what the table has.
 */
export function snakeRow<Domain extends object>(domain: Domain): SnakeRow<Domain> {
  return renamed(domain, snakeName) as SnakeRow<Domain>;
}

/** `startsAt` → `starts_at`, as a type. */
export type SnakeName<Property extends string> = Property extends `${infer First}${infer Rest}`
  ? `${First extends Lowercase<First> ? First : `_${Lowercase<First>}`}${SnakeName<Rest>}`
  : Property;

export type SnakeRow<Domain> = {
  [Property in keyof Domain & string as SnakeName<Property>]: Domain[Property];
};

/** About 2 µs of CPU for a 24-column row (a hand-written mapper: 0.2 µs), next to a query's 100 µs or more. */
function renamed(source: object, rename: (name: string) => string): Record<string, unknown> {
  const values = source as Record<string, unknown>;
  const target: Record<string, unknown> = {};
  for (const name of Object.keys(values)) target[rename(name)] = values[name];
  return target;
}

const camelNames = new Map<string, string>();
const snakeNames = new Map<string, string>();

function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
    camelNames.set(column, name);
  }
  return name;
}

function snakeName(property: string): string {
  let name = snakeNames.get(property);
  if (name === undefined) {
    name = property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    snakeNames.set(property, name);
  }
  return name;
}
