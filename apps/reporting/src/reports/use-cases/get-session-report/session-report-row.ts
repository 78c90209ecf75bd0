import { PublishedFigures } from '../../domain/report-model';
import { ScopeSession } from '../../domain/report-figures';
import { PublishedCount } from '../../domain/small-count-suppressor';

/** A session's row as the API shows it, with its figures as published (protected or operational). */
export function sessionReportRow(
  s: ScopeSession,
  figures: PublishedFigures,
  waitlistPeak: PublishedCount | null,
) {
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
    figures: { ...figures, waitlistPeak: waitlistPeak ?? 0 },
  };
}
