/**
 * Attendance marks taken on a phone with a poor connection. Each tap is kept (and survives a
 * reload, through `storage`) until the server has it; sending retries with a growing delay and
 * again as soon as the browser says it is back online. The last tap on a person wins: a mark
 * still waiting is replaced, never sent twice in the wrong order.
 */
export interface AttendanceMark {
  sessionId: string;
  registrationId: string;
  attended: boolean;
}

export type MarkState = 'waiting' | 'sending' | 'saved';

interface Entry extends AttendanceMark {
  state: MarkState;
  attempts: number;
}

export interface QueueStorage {
  load(): AttendanceMark[];
  save(marks: AttendanceMark[]): void;
}

export type SendMark = (mark: AttendanceMark) => Promise<void>;

/** A refusal the server will repeat (e.g. the registration was cancelled meanwhile): do not retry. */
export class PermanentFailure extends Error {}

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

export function retryDelay(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

export class AttendanceQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing = false;
  private lastError: string | null = null;
  private revisionCount = 0;

  constructor(
    private readonly send: SendMark,
    private readonly storage: QueueStorage,
    private readonly schedule: (work: () => void, ms: number) => ReturnType<typeof setTimeout> = setTimeout,
  ) {
    for (const mark of storage.load())
      this.entries.set(mark.registrationId, { ...mark, state: 'waiting', attempts: 0 });
  }

  /** Records a tap and tries to send it at once. */
  mark(mark: AttendanceMark): void {
    // Replaces any earlier mark; one in flight is followed by this one (flush sends it next).
    this.entries.set(mark.registrationId, { ...mark, state: 'waiting', attempts: 0 });
    this.persist();
    this.changed();
    void this.flush();
  }

  /** What the person last chose for a registration, if it is not confirmed by the server yet or just saved. */
  stateOf(registrationId: string): { attended: boolean; state: MarkState } | null {
    const entry = this.entries.get(registrationId);
    return entry ? { attended: entry.attended, state: entry.state } : null;
  }

  /** What to show for a person: the last tap if there is one, else what the server has (null: not marked). */
  attendedOf(registration: { id: string; status: string }): boolean | null {
    const local = this.stateOf(registration.id);
    if (local) return local.attended;
    return registration.status === 'attended' ? true : registration.status === 'no_show' ? false : null;
  }

  pendingCount(): number {
    return [...this.entries.values()].filter((entry) => entry.state !== 'saved').length;
  }

  error(): string | null {
    return this.lastError;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends every waiting mark, one at a time; on failure retries later with a longer delay. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      for (const [id, entry] of this.entries) {
        if (entry.state !== 'waiting') continue;
        const sending: Entry = { ...entry, state: 'sending', attempts: entry.attempts + 1 };
        this.entries.set(id, sending);
        this.changed();
        try {
          await this.send(sending);
          const now = this.entries.get(id);
          // A newer tap arrived while sending: keep it waiting; otherwise this one is saved.
          if (now === sending) this.entries.set(id, { ...sending, state: 'saved' });
          this.lastError = null;
        } catch (error) {
          const now = this.entries.get(id);
          if (error instanceof PermanentFailure) {
            this.entries.delete(id);
            this.lastError = error.message;
          } else {
            if (now === sending) this.entries.set(id, { ...sending, state: 'waiting' });
            this.lastError =
              'Pas de connexion au serveur : les pointages en attente partiront automatiquement.';
            this.persist();
            this.changed();
            this.timer = this.schedule(() => void this.flush(), retryDelay(sending.attempts));
            return;
          }
        }
        this.persist();
        this.changed();
      }
    } finally {
      this.flushing = false;
    }
    if ([...this.entries.values()].some((entry) => entry.state === 'waiting')) void this.flush();
  }

  /** Forgets saved marks once the list from the server shows them. */
  acknowledge(registrationIds: readonly string[]): void {
    let dropped = false;
    for (const id of registrationIds) {
      if (this.entries.get(id)?.state === 'saved') {
        this.entries.delete(id);
        dropped = true;
      }
    }
    if (dropped) this.changed();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private persist(): void {
    this.storage.save(
      [...this.entries.values()]
        .filter((entry) => entry.state !== 'saved')
        .map(({ sessionId, registrationId, attended }) => ({ sessionId, registrationId, attended })),
    );
  }

  /** Grows at every change (for React's useSyncExternalStore). */
  revision(): number {
    return this.revisionCount;
  }

  private changed(): void {
    this.revisionCount += 1;
    for (const listener of this.listeners) listener();
  }
}

/** Keeps the waiting marks of one session in localStorage. */
export function localQueueStorage(sessionId: string): QueueStorage {
  const key = `respire.attendance.${sessionId}`;
  return {
    load() {
      try {
        const parsed = JSON.parse(localStorage.getItem(key) ?? '[]') as AttendanceMark[];
        return Array.isArray(parsed) ? parsed.filter((mark) => mark.sessionId === sessionId) : [];
      } catch {
        return [];
      }
    },
    save(marks) {
      if (marks.length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(marks));
    },
  };
}
