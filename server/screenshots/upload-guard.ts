// What a stranger's allowed uploads may cost: bytes per client address and per school per day, and
// no screenshots at all once the data folder's disk is nearly full (so reports and mail keep room).
// The counts live in memory only: no address is ever written down, and a restart starts the day anew.
import { statfs } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { messageKey } from '../shared/server-messages.js';
import { UPLOAD_DISK_FREE_MIN_MIB } from '../shared/limits.js';

const MIB = 1024 * 1024;

const ADDRESS_QUOTA_MESSAGE = messageKey('screenshots.addressQuota');
const SCHOOL_QUOTA_MESSAGE = messageKey('screenshots.schoolQuota');
const DISK_FULL_MESSAGE = messageKey('screenshots.diskFull');

export interface UploadQuotas {
  perAddressBytes: number;
  perSchoolBytes: number;
}

/** Bytes counted per key for one day; the whole table starts again when the day changes. */
class DailyCounter {
  private day = '';
  private readonly bytes = new Map<string, number>();

  used(key: string, day: string): number {
    if (day !== this.day) {
      this.day = day;
      this.bytes.clear();
    }
    return this.bytes.get(key) ?? 0;
  }

  add(key: string, amount: number): void {
    this.bytes.set(key, (this.bytes.get(key) ?? 0) + amount);
  }
}

export class UploadGuard {
  private readonly byAddress = new DailyCounter();
  private readonly bySchool = new DailyCounter();

  constructor(
    private readonly dataDir: string,
    private readonly quotas: UploadQuotas,
    private readonly now: () => Date,
  ) {}

  /**
   * Admits one request's screenshots or refuses them all with a message in Dutch: 503 while the
   * disk is nearly full, 429 over a day's quota. Nothing stored is touched either way.
   */
  async admit(upload: { address: string; school: string; bytes: number }): Promise<void> {
    if (upload.bytes === 0) return;
    const space = await statfs(this.dataDir);
    if (space.bavail * space.bsize < UPLOAD_DISK_FREE_MIN_MIB * MIB) {
      throw new AppError('storage_full', DISK_FULL_MESSAGE, { screenshots: DISK_FULL_MESSAGE });
    }
    const day = this.now().toISOString().slice(0, 10);
    if (this.byAddress.used(upload.address, day) + upload.bytes > this.quotas.perAddressBytes) {
      throw new AppError('rate_limited', ADDRESS_QUOTA_MESSAGE, { screenshots: ADDRESS_QUOTA_MESSAGE });
    }
    if (this.bySchool.used(upload.school, day) + upload.bytes > this.quotas.perSchoolBytes) {
      throw new AppError('rate_limited', SCHOOL_QUOTA_MESSAGE, { screenshots: SCHOOL_QUOTA_MESSAGE });
    }
    this.byAddress.add(upload.address, upload.bytes);
    this.bySchool.add(upload.school, upload.bytes);
  }
}

export function uploadedBytes(uploads: readonly Buffer[]): number {
  return uploads.reduce((sum, upload) => sum + upload.length, 0);
}
