import type { BarChartSeries } from '@mantine/charts';

/** The two bars of "registered and attended" charts, in the same colours on every page. */
export const REGISTERED_ATTENDED: BarChartSeries[] = [
  { name: 'inscrits', color: 'blue.8' },
  { name: 'présents', color: 'respire.8' },
];
