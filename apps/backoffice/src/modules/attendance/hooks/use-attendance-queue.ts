import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ApiError } from '../../../api/api-error';
import { recordAttendance } from '../../sessions/api/sessions';
import { AttendanceQueue, localQueueStorage, PermanentFailure } from '../domain/attendance-queue';

/** One queue per session page, flushed again whenever the browser comes back online. */
export function useAttendanceQueue(sessionId: string) {
  const queue = useMemo(
    () =>
      new AttendanceQueue(async (mark) => {
        try {
          await recordAttendance(mark.sessionId, mark.registrationId, mark.attended);
        } catch (error) {
          if (
            error instanceof ApiError &&
            error.status >= 400 &&
            error.status < 500 &&
            error.status !== 401 &&
            error.status !== 429
          ) {
            throw new PermanentFailure(
              error.body?.message ?? 'Ce pointage a été refusé : rechargez la liste.',
            );
          }
          throw error;
        }
      }, localQueueStorage(sessionId)),
    [sessionId],
  );
  useEffect(() => {
    const online = () => void queue.flush();
    window.addEventListener('online', online);
    void queue.flush();
    return () => {
      window.removeEventListener('online', online);
      queue.dispose();
    };
  }, [queue]);
  useSyncExternalStore(
    (listener) => queue.subscribe(listener),
    () => queue.revision(),
  );
  return queue;
}
