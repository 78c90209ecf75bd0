import { ReportModel } from '../../domain/report-model';

type SessionRow = ReturnType<ReportModel['sessions']>[number];

/** A session's row as the API shows it. */
export function sessionReportRow(row: SessionRow) {
  const s = row.session;
  return {
    sessionId: s.sessionId,
    activityId: s.activityId,
    activityTitle: s.activityTitle,
    category: s.category,
    programmeId: s.programmeId,
    programmeTitle: s.programmeTitle,
    venueId: s.venueId,
    venueName: s.venueName,
    localDate: s.localDate,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    status: s.status,
    capacity: s.capacity,
    figures: { ...row.figures, waitlistPeak: row.waitlistPeak ?? 0 },
  };
}
