import { MAX_LINK_THROTTLE_ENTRIES, STAFF_LINKS_PER_REQUESTER, STAFF_LINKS_PER_REQUESTER_WINDOW_MS } from '../shared/limits.js';

/**
 * Login links mailed per staff address and requester, in a sliding window. Keyed by requester as
 * well as address, so a stranger who asks for a colleague's links uses up only their own share.
 * Lives in memory only, like the other rate-limit counters: no client address is written down.
 */
export class RequesterLinkThrottle {
  private readonly mailed = new Map<string, number[]>();

  constructor(
    private readonly limit = STAFF_LINKS_PER_REQUESTER,
    private readonly windowMs = STAFF_LINKS_PER_REQUESTER_WINDOW_MS,
    private readonly maxEntries = MAX_LINK_THROTTLE_ENTRIES,
  ) {}

  allows(addressHash: string, requester: string, now: Date): boolean {
    return this.recent(key(addressHash, requester), now.getTime()).length < this.limit;
  }

  record(addressHash: string, requester: string, now: Date): void {
    const entry = key(addressHash, requester);
    const times = [...this.recent(entry, now.getTime()), now.getTime()];
    // Re-inserted last, so the Map's order is oldest use first.
    this.mailed.delete(entry);
    this.mailed.set(entry, times);
    for (const oldest of this.mailed.keys()) {
      if (this.mailed.size <= this.maxEntries) break;
      this.mailed.delete(oldest);
    }
  }

  private recent(entry: string, now: number): number[] {
    const times = (this.mailed.get(entry) ?? []).filter((time) => time > now - this.windowMs);
    if (times.length === 0) this.mailed.delete(entry);
    return times;
  }
}

const key = (addressHash: string, requester: string) => `${addressHash} ${requester}`;
