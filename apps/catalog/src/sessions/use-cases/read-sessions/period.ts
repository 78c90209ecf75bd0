import { endOfLocalDay, LOCAL_DATE, startOfLocalDay } from '../../domain/local-time';

/**
 * A period bound as clients write it: a local date (the whole day in the tenant's zone — `to`
 * includes its day) or an ISO instant (`to` excluded).
 */
export function periodStart(value: string | undefined, zone: string): Date | undefined {
  if (!value) return undefined;
  return LOCAL_DATE.test(value) ? (startOfLocalDay(value, zone) ?? undefined) : new Date(value);
}

export function periodEnd(value: string | undefined, zone: string): Date | undefined {
  if (!value) return undefined;
  return LOCAL_DATE.test(value) ? (endOfLocalDay(value, zone) ?? undefined) : new Date(value);
}
