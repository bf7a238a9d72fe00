// The README's limits table is what operators and schools read; it must say what server/shared/limits.ts
// enforces. Each row's numbers, in the order written, are compared with the constants they describe.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as limits from '../server/shared/limits.js';
import { RECEIPT_WORDS } from '../server/shared/receipt-words.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const KIB = 1024;
const MIB = 1024 * KIB;

/** The numbers each row states, as the constants give them, in the README's units. */
const EXPECTED: Record<string, number[]> = {
  description: [1, limits.MAX_DESCRIPTION_LENGTH],
  'name, target, perpetrators': [limits.MAX_SHORT_TEXT_LENGTH],
  'follow-up message': [limits.MAX_MESSAGE_LENGTH],
  'receipt code at /volgen': [limits.MAX_RECEIPT_INPUT_LENGTH, 6 * Math.max(...RECEIPT_WORDS.map((word) => word.length)) + 5],
  screenshots: [limits.MAX_SCREENSHOTS, limits.MAX_SCREENSHOT_BYTES / MIB, limits.MAX_SCREENSHOT_PIXELS / 1_000_000],
  'screenshot quotas': [limits.UPLOAD_MIB_PER_ADDRESS_PER_DAY, limits.UPLOAD_MIB_PER_SCHOOL_PER_DAY, limits.UPLOAD_DISK_FREE_MIN_MIB],
  'image work': [limits.MAX_IMAGE_PIXELS_IN_FLIGHT / 1_000_000, limits.JPEG_FALLBACK_QUALITY],
  'uploads in hand': [limits.MAX_UPLOAD_BYTES_IN_FLIGHT / MIB],
  'JSON body': [limits.MAX_JSON_BODY_BYTES / KIB],
  multipart: [
    limits.MAX_MULTIPART_FIELDS,
    limits.MAX_MULTIPART_PARTS,
    limits.MAX_MULTIPART_HEADER_PAIRS,
    limits.MAX_MULTIPART_FIELD_BYTES,
  ],
  'reports per address': [limits.REPORT_RATE_LIMIT, limits.REPORT_RATE_WINDOW_MS / MINUTE],
  'school changes during a report': [limits.MAX_SCHOOL_CHANGE_RETRIES, 503],
  'repeated report': [
    limits.MIN_SUBMISSION_KEY_LENGTH,
    limits.MAX_SUBMISSION_KEY_LENGTH,
    limits.SUBMISSION_MEMORY_MS / MINUTE,
    limits.MAX_REMEMBERED_SUBMISSIONS,
    limits.MAINTENANCE_INTERVAL_MS / MINUTE,
  ],
  'follow-up requests per address': [limits.FOLLOW_UP_RATE_LIMIT, limits.FOLLOW_UP_RATE_WINDOW_MS / MINUTE],
  'multipart part headers': [limits.MAX_MULTIPART_HEADER_BYTES / KIB, limits.MAX_MULTIPART_FIELD_NAME_BYTES],
  'staff login': [
    limits.STAFF_LOGIN_LINK_TTL_MS / MINUTE,
    limits.STAFF_LINKS_PER_ADDRESS,
    limits.STAFF_LINKS_PER_ADDRESS_WINDOW_MS / MINUTE,
    limits.STAFF_LINKS_PER_REQUESTER, // per hour: the window is checked below
    limits.STAFF_LOGIN_RATE_LIMIT,
    limits.STAFF_LOGIN_RATE_WINDOW_MS / MINUTE,
  ],
  'staff session': [limits.STAFF_SESSION_IDLE_MS / MINUTE, limits.STAFF_SESSION_MAX_AGE_MS / HOUR],
  'staff second factor': [
    limits.STAFF_TOTP_MAX_FAILURES,
    limits.STAFF_FRESH_LOGIN_MS / MINUTE,
    limits.TOTP_RECOVERY_CODES,
    limits.TOTP_RECOVERY_CODE_LENGTH,
  ],
  'staff texts': [limits.MAX_STAFF_NOTE_LENGTH, limits.MAX_STEP_NOTE_LENGTH],
  'mail files (no SMTP_URL)': [limits.MAIL_FILE_RETENTION_DAYS],
  'school days off': [limits.MAX_SCHOOL_DAYS_OFF_PER_YEAR, 1, 31, limits.SCHOOL_TEXT_MAX],
  'day to look back at a case': [limits.MAX_FOLLOW_UP_DAYS_AHEAD],
  'staff dates (inbox filters, statistics)': [limits.EARLIEST_STAFF_DAY, limits.LATEST_STAFF_DAY].flatMap((day) =>
    day.split('-').map(Number),
  ),
};

/** The README's "## Limits" table as row label → value cell. */
function readmeLimits(): Map<string, string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Limits'));
  expect(section, 'a "## Limits" section in README.md').toBeDefined();
  const rows = section!
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // header and separator
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
  return new Map(rows.map(([label, value]) => [label!, value!]));
}

/** Every number in a cell in order: "20,000" is one number, "1–5000" two, a day three. */
function numbersIn(cell: string): number[] {
  return [...cell.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)].map((match) => Number(match[0].replaceAll(',', '')));
}

describe('the README limits table', () => {
  const table = readmeLimits();

  it('has exactly the rows this test knows', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [label, expected] of Object.entries(EXPECTED)) {
    it(`states ${label} as server/shared/limits.ts enforces it`, () => {
      expect(numbersIn(table.get(label) ?? ''), table.get(label)).toEqual(expected);
    });
  }

  it('says "per hour" where the requester window is one hour', () => {
    expect(limits.STAFF_LINKS_PER_REQUESTER_WINDOW_MS).toBe(HOUR);
    expect(table.get('staff login')).toContain(`${limits.STAFF_LINKS_PER_REQUESTER} per hour per requester`);
  });
});
