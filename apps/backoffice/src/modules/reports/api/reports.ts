import type { components } from '../../../api/generated/reporting';
import { unwrap } from '../../../api/api-error';
import { reportingApi } from '../../../api/client';
import { sessionToken } from '../../../api/session-token';

export type FunderSummary = components['schemas']['FunderSummaryDto'];

export interface ReportScope {
  programmeId: string | null;
  from: string | null;
  to: string | null;
}

function query(scope: ReportScope) {
  return {
    ...(scope.programmeId ? { programmeId: scope.programmeId } : {}),
    ...(scope.from ? { from: scope.from } : {}),
    ...(scope.to ? { to: scope.to } : {}),
  };
}

export function funderSummary(scope: ReportScope) {
  return unwrap(reportingApi.GET('/v1/reports/summary', { params: { query: query(scope) } }));
}

/** The CSV export needs the bearer token, so it is fetched and handed to the browser as a file. */
export async function downloadCsv(scope: ReportScope): Promise<void> {
  const params = new URLSearchParams(query(scope) as Record<string, string>);
  const response = await fetch(`/v1/reports/export.csv?${params}`, {
    headers: { authorization: `Bearer ${await sessionToken.accessToken()}` },
  });
  if (!response.ok) throw new Error(`export: HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `rapport-financeur${scope.from ? `-${scope.from}` : ''}${scope.to ? `-${scope.to}` : ''}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}
