import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from './data-table';
import { QueryView, type QueryLike } from './states';

/**
 * A query's list as a table: loading, an error with a retry, `empty` when the list has nothing,
 * else the table with `row` cells for each item.
 */
export function QueryTable<T>({
  query,
  loading,
  empty,
  row,
  ...table
}: Omit<DataTableProps, 'rows'> & {
  query: QueryLike<T[]>;
  loading?: string;
  empty: ReactNode;
  row: (item: T) => ReactNode[];
}) {
  return (
    <QueryView query={query} loading={loading}>
      {(list) => (list.length === 0 ? empty : <DataTable {...table} rows={list.map(row)} />)}
    </QueryView>
  );
}
