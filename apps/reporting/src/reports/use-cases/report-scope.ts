import { ReportScope } from '../infrastructure/report.repository';
import { ReportQuery } from './report.query';

export function scopeOf(query: ReportQuery, now: Date): ReportScope {
  return { tenantId: query.tenantId, from: query.from, to: query.to, programmeId: query.programmeId, now };
}
