import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

export type DataTableProps = TableProps & {
  /** What the table lists; leave it out only where the page's title already says it. */
  caption?: ReactNode;
  headers: ReactNode[];
  rows: ReactNode[][];
  /** One stable key per row (an id) where rows hold state or can be removed; else their position. */
  rowKeys?: readonly string[];
  minWidth?: number;
};

/** A table of rows under column headers (scope="col"), scrolling sideways on a phone. */
export function DataTable({ caption, headers, rows, rowKeys, minWidth = 560, ...table }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>
        {caption !== undefined && <Table.Caption>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {headers.map((h, i) => (
              <Table.Th key={i} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={rowKeys?.[index] ?? index}>
              {row.map((cell, i) => (
                <Table.Td key={i}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
