// A report (or an answer at /volgen) sent twice is stored once. A phone on a bad network can lose the answer to a report the
// server stored: the child sees "Versturen lukte niet" and presses Verstuur again. Without this that
// made a second report, and the first receipt code, the only one the school's answers reach, was lost.
// The form sends a random `submission` key with every try of one report; a try with the same key and
// the same answers gets the receipt of the first back (and one still being stored waits for it). An
// answer at /volgen does the same: sent again after its 201 was lost, it is not stored a second time.
//
// Kept in memory only, for SUBMISSION_MEMORY_MS (and dropped by the next maintenance round at the
// latest, MAINTENANCE_INTERVAL_MS later, when no try comes to drop it): nothing is written down, so nothing of it pins a report
// in time. The result (a receipt) is held sealed (AES-256-GCM) under a key derived from the submission key, which
// only the reporter's tab has: a memory dump gives no receipt code. Entries are looked up by an HMAC of
// the key and the answers, so an edited report sent with the same key is a report of its own.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { MAX_REMEMBERED_SUBMISSIONS, SUBMISSION_MEMORY_MS } from '../shared/limits.js';

interface Sealed {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

interface Remembered {
  /** Until it is stored: the tries that come meanwhile wait for it. */
  pending?: Promise<unknown>;
  sealed?: Sealed;
  /** Milliseconds of the clock after which it is forgotten. */
  until: number;
}

/** One request's answers: its route, its parsed fields and its screenshots. */
export interface SentAnswers {
  route: 'report' | 'followup-message';
  fields: unknown;
  uploads: readonly Buffer[];
}

/** What identifies one request's answers (hashing megabytes of screenshots: only for a keyed try). */
function answersFingerprint({ route, fields, uploads }: SentAnswers): Buffer {
  const hash = createHash('sha256').update(JSON.stringify([route, fields]));
  for (const upload of uploads) hash.update(createHash('sha256').update(upload).digest());
  return hash.digest();
}

export class RepeatedSubmissions {
  private readonly entries = new Map<string, Remembered>();

  constructor(private readonly now: () => Date) {}

  /**
   * What `submit` gave when these answers were sent with `key` before (a receipt), or, the first time,
   * what `submit` stores and gives. Without a key every call submits. A refused or failed try is not kept.
   */
  async once<T>(key: string | undefined, answers: SentAnswers, submit: () => Promise<T>): Promise<T> {
    if (key === undefined) return submit();
    const fingerprint = answersFingerprint(answers);
    const now = this.now().getTime();
    this.forgetExpired(now);
    const id = derive(key, 'id', fingerprint).toString('hex');
    const known = this.entries.get(id);
    if (known?.pending) return known.pending as Promise<T>;
    if (known?.sealed) return unseal(derive(key, 'seal', fingerprint), known.sealed) as T;

    const pending = submit();
    const entry: Remembered = { pending, until: now + SUBMISSION_MEMORY_MS };
    this.entries.set(id, entry);
    while (this.entries.size > MAX_REMEMBERED_SUBMISSIONS) this.entries.delete(this.entries.keys().next().value as string);
    try {
      const result = await pending;
      delete entry.pending;
      entry.sealed = seal(derive(key, 'seal', fingerprint), result);
      return result;
    } catch (error) {
      if (this.entries.get(id) === entry) this.entries.delete(id);
      throw error;
    }
  }

  /**
   * Drops the entries whose time is up. Each try runs it, and so does every server's maintenance job
   * (server/jobs/maintenance.ts), so that a server no report reaches forgets too: kept past their time,
   * the entries' times would say when the last reports came in. Entries are added in time order, so the
   * expired ones are the first.
   */
  forgetExpired(now = this.now().getTime()): void {
    for (const [id, entry] of this.entries) {
      if (entry.until > now) return;
      this.entries.delete(id);
    }
  }
}

function derive(key: string, purpose: 'id' | 'seal', fingerprint: Buffer): Buffer {
  return createHmac('sha256', key).update(purpose).update(fingerprint).digest();
}

function seal(key: Buffer, result: unknown): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(result), 'utf8'), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

function unseal(key: Buffer, sealed: Sealed): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAuthTag(sealed.tag);
  return JSON.parse(Buffer.concat([decipher.update(sealed.data), decipher.final()]).toString('utf8')) as unknown;
}
