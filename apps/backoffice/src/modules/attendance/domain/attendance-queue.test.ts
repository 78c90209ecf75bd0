import {
  AttendanceMark,
  AttendanceQueue,
  PermanentFailure,
  QueueStorage,
  retryDelay,
} from './attendance-queue';

function memoryStorage(initial: AttendanceMark[] = []): QueueStorage & { saved: AttendanceMark[] } {
  const storage = {
    saved: initial,
    load: () => initial,
    save(marks: AttendanceMark[]) {
      storage.saved = marks;
    },
  };
  return storage;
}

const mark = (registrationId: string, attended = true): AttendanceMark => ({
  sessionId: 's1',
  registrationId,
  attended,
});

describe('AttendanceQueue', () => {
  it('sends a tap at once and forgets it once the server has it', async () => {
    const sent: AttendanceMark[] = [];
    const storage = memoryStorage();
    const queue = new AttendanceQueue(async (m) => void sent.push(m), storage);

    queue.mark(mark('r1'));
    await queue.flush();

    expect(sent).toEqual([expect.objectContaining(mark('r1'))]);
    expect(queue.stateOf('r1')).toEqual({ attended: true, state: 'saved' });
    expect(queue.pendingCount()).toBe(0);
    expect(storage.saved).toEqual([]);
  });

  it('keeps what could not be sent, says so, and retries later with a growing delay', async () => {
    let online = false;
    const delays: number[] = [];
    const retries: (() => void)[] = [];
    const storage = memoryStorage();
    const queue = new AttendanceQueue(
      async () => {
        if (!online) throw new TypeError('Failed to fetch');
      },
      storage,
      (work, ms) => {
        delays.push(ms);
        retries.push(work);
        return 0 as unknown as ReturnType<typeof setTimeout>;
      },
    );

    queue.mark(mark('r1', false));
    await queue.flush();
    expect(queue.stateOf('r1')).toEqual({ attended: false, state: 'waiting' });
    expect(queue.pendingCount()).toBe(1);
    expect(queue.error()).toMatch(/partiront automatiquement/);
    expect(storage.saved).toEqual([mark('r1', false)]);

    retries.shift()!();
    await queue.flush();
    expect(delays).toEqual([retryDelay(1), retryDelay(2)]);

    online = true;
    retries.shift()!();
    await queue.flush();
    expect(queue.stateOf('r1')?.state).toBe('saved');
    expect(queue.error()).toBeNull();
  });

  it('sends the last tap on a person, after the one in flight', async () => {
    const sent: boolean[] = [];
    let release: () => void = () => undefined;
    const queue = new AttendanceQueue(
      (m) =>
        new Promise<void>((resolve) => {
          sent.push(m.attended);
          release = resolve;
        }),
      memoryStorage(),
    );

    queue.mark(mark('r1', true));
    queue.mark(mark('r1', false));
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await queue.flush();

    expect(sent).toEqual([true, false]);
    expect(queue.stateOf('r1')).toEqual({ attended: false, state: 'saved' });
  });

  it('resumes the marks a reload left waiting', async () => {
    const sent: string[] = [];
    const queue = new AttendanceQueue(
      async (m) => void sent.push(m.registrationId),
      memoryStorage([mark('r1'), mark('r2')]),
    );

    expect(queue.pendingCount()).toBe(2);
    await queue.flush();
    expect(sent).toEqual(['r1', 'r2']);
  });

  it('drops a mark the server refuses for good, with its reason', async () => {
    const queue = new AttendanceQueue(async () => {
      throw new PermanentFailure('Cette inscription a été annulée.');
    }, memoryStorage());

    queue.mark(mark('r1'));
    await queue.flush();

    expect(queue.stateOf('r1')).toBeNull();
    expect(queue.error()).toBe('Cette inscription a été annulée.');
  });
});
