import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A captioned table of rows under column headers (scope="col"), scrolling sideways on a phone. */
export function DataTable({
  caption,
  headers,
  rows,
  minWidth = 560,
  ...table
}: TableProps & { caption: string; headers: string[]; rows: ReactNode[][]; minWidth?: number }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={index}>
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
