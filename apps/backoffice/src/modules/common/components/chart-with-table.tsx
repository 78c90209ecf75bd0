import { BarChart, type BarChartSeries } from '@mantine/charts';
import type { ReactNode } from 'react';
import { DataTable } from './data-table';

/**
 * A bar chart and, under it, the table of its figures: what screen readers and printouts read,
 * and where counts too small to draw are shown.
 */
export function ChartWithTable({
  h,
  data,
  dataKey,
  series,
  caption,
  headers,
  rows,
}: {
  h: number;
  data: Record<string, unknown>[];
  dataKey: string;
  series: BarChartSeries[];
  caption: ReactNode;
  headers: string[];
  rows: ReactNode[][];
}) {
  return (
    <>
      <BarChart h={h} data={data} dataKey={dataKey} series={series} />
      <DataTable mt="md" fz="sm" caption={caption} headers={headers} rows={rows} />
    </>
  );
}
