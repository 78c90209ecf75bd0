/**
 * When feedback waiting in the vault is released into the feedback table (and its event), and in
 * what order. Feedback is written apart from the person who gave it (SubmitFeedbackUseCase); what
 * could still tie one feedback to one submission is *when* it appears and *next to what*. So a
 * session's feedback is released in batches of at least FEEDBACK_BATCH_MIN — each feedback could
 * be any one of the batch's authors — or, once the session's feedback window has closed (nothing
 * more can come), whatever is left. A batch is written in a random order, dated with the day of
 * its release.
 */
export const FEEDBACK_BATCH_MIN = 3;

export interface PendingFeedback {
  id: string;
  sessionId: string;
}

/** The ids to release now; `windowClosesAt` gives each session's feedbackClosesAt. */
export function feedbackToRelease(
  pending: readonly PendingFeedback[],
  windowClosesAt: (sessionId: string) => Date | null,
  now: Date,
): string[] {
  const bySession = new Map<string, string[]>();
  for (const item of pending)
    bySession.set(item.sessionId, [...(bySession.get(item.sessionId) ?? []), item.id]);
  const released: string[] = [];
  for (const [sessionId, ids] of bySession) {
    const closesAt = windowClosesAt(sessionId);
    // A session unknown here (deleted?) cannot get more feedback either.
    const closed = closesAt === null || closesAt.getTime() <= now.getTime();
    if (ids.length >= FEEDBACK_BATCH_MIN || closed) released.push(...ids);
  }
  return released;
}

/** Fisher–Yates with the given source of randomness (crypto.randomInt in production). */
export function shuffled<T>(items: readonly T[], randomInt: (maxExclusive: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
