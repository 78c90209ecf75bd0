/**
 * A session is at risk when it is published, starts within a week and is under half full: still
 * time to relay it to the CPTS's network, or to merge it with another date.
 */
export const AT_RISK_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface SeatsLike {
  status: string;
  startsAt: string;
  capacity: number;
  seatsTaken: number;
}

export function isAtRisk(session: SeatsLike, now: Date): boolean {
  const startsIn = Date.parse(session.startsAt) - now.getTime();
  return (
    session.status === 'published' &&
    startsIn > 0 &&
    startsIn <= AT_RISK_WINDOW_MS &&
    session.seatsTaken * 2 < session.capacity
  );
}
