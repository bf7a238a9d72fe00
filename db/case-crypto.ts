// Children's words are encrypted by the app before they reach the database (envelope encryption):
// every case (report) has a random 256-bit data key, stored in `case_key` wrapped (AES-256-GCM)
// under the master key, which lives in a file outside the database (DATA_DIR/master-key or
// MASTER_KEY_FILE) and never enters it. Retention deletes the case key: the case's ciphertexts in
// the database, its WAL and its replicas can then not be opened by anyone, master key or not.
//
// Every ciphertext carries its format version and the GCM tag, and its associated data names the
// case and the column, so a ciphertext copied into another case or another field fails to open.
// Text is stored as `k1:` + base64 in the column's own text type and bytes (screenshots) as
// version byte + iv + tag + ciphertext in the column's own blob type: both fit SQLite and
// PostgreSQL (text, bytea) through Kysely without a dialect of their own, and no column changes type.
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db } from './database.js';
import { randomBytesFromPool } from './random-pool.js';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Prefix of a sealed text: format 1 (AES-256-GCM under the case key). */
const TEXT_FORMAT = 'k1:';
/** First byte of sealed bytes: format 1. */
const BYTES_FORMAT = 0x01;
/** Prefix of a wrapped case key: format 1 (AES-256-GCM under the master key named in the row). */
const WRAP_FORMAT = 'w1:';

/** The columns whose content is sealed; the name is bound into each ciphertext. */
export type SealedField =
  | 'report.description'
  | 'report.reporter_name'
  | 'report.reporter_email'
  | 'report.target'
  | 'report.perpetrators'
  | 'message.text'
  | 'case_note.text'
  | 'case_step.note'
  | 'case_meldcode_entry.note'
  | 'screenshot.data';

/**
 * A case's stored content that does not open: a ciphertext changed or moved from another case or
 * field, a case key missing or wrapped under another master key. It names the case and the column,
 * never the content; the app answers it with `case_unreadable` and changes nothing that is stored.
 */
export class CaseContentError extends Error {
  constructor(
    message: string,
    readonly reportId: number,
    readonly field: SealedField | 'case_key',
  ) {
    super(message);
    this.name = 'CaseContentError';
  }
}

function aad(reportId: number, field: string): Buffer {
  return Buffer.from(`klikvrij:${field}:${reportId}`);
}

function seal(key: Buffer, associated: Buffer, plain: Buffer): Buffer {
  const iv = randomBytesFromPool(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(associated);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, reportId: number, field: SealedField | 'case_key', sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new CaseContentError(`${field} of case ${reportId} is too short to be sealed content`, reportId, field);
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad(reportId, field));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new CaseContentError(`${field} of case ${reportId} does not open with its key (changed, moved from another case or field, or another key)`, reportId, field);
  }
}

export function newCaseKey(): Buffer {
  return randomBytesFromPool(KEY_BYTES);
}

export function sealText(key: Buffer, reportId: number, field: SealedField, text: string): string;
export function sealText(key: Buffer, reportId: number, field: SealedField, text: string | null): string | null;
export function sealText(key: Buffer, reportId: number, field: SealedField, text: string | null): string | null {
  if (text === null) return null;
  return TEXT_FORMAT + seal(key, aad(reportId, field), Buffer.from(text, 'utf8')).toString('base64');
}

export function openText(key: Buffer, reportId: number, field: SealedField, sealed: string): string;
export function openText(key: Buffer, reportId: number, field: SealedField, sealed: string | null): string | null;
export function openText(key: Buffer, reportId: number, field: SealedField, sealed: string | null): string | null {
  if (sealed === null) return null;
  if (!sealed.startsWith(TEXT_FORMAT)) throw new CaseContentError(`${field} of case ${reportId} is not in a known sealed format`, reportId, field);
  return open(key, reportId, field, Buffer.from(sealed.slice(TEXT_FORMAT.length), 'base64')).toString('utf8');
}

/**
 * Bytes encrypted per turn of the event loop: a 3.6 MB photo in one call held it for 5-35 ms. Below
 * the mmap threshold `npm start` sets (128 KiB), so the cipher's output slices come from the heap, not from
 * fresh mappings.
 */
const SEAL_SLICE_BYTES = 64 * 1024;

/**
 * Seals a screenshot: format byte, iv, tag, ciphertext, written straight into one buffer (no copies of
 * megabytes besides the cipher's own output), in slices with a turn of the event loop between them,
 * so that requests arriving meanwhile (health checks, pages) are answered while a photo is sealed.
 */
export async function sealBytes(key: Buffer, reportId: number, bytes: Buffer): Promise<Buffer> {
  const iv = randomBytesFromPool(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad(reportId, 'screenshot.data'));
  const bodyStart = 1 + IV_BYTES + TAG_BYTES;
  const sealed = Buffer.allocUnsafe(bodyStart + bytes.length);
  sealed[0] = BYTES_FORMAT;
  iv.copy(sealed, 1);
  let written = bodyStart;
  for (let start = 0; start < bytes.length; start += SEAL_SLICE_BYTES) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    written += cipher.update(bytes.subarray(start, start + SEAL_SLICE_BYTES)).copy(sealed, written);
  }
  written += cipher.final().copy(sealed, written);
  cipher.getAuthTag().copy(sealed, 1 + IV_BYTES);
  // GCM is a stream cipher: the ciphertext is exactly as long as the plain bytes.
  if (written !== sealed.length) throw new Error(`sealed ${written} of ${sealed.length} bytes`);
  return sealed;
}

export function openBytes(key: Buffer, reportId: number, sealed: Buffer): Buffer {
  if (sealed[0] !== BYTES_FORMAT) throw new CaseContentError(`screenshot.data of case ${reportId} is not in a known sealed format`, reportId, 'screenshot.data');
  return open(key, reportId, 'screenshot.data', sealed.subarray(1));
}

/**
 * Case keys kept opened, most recently read first out last (db/queries/case-keys.ts findCaseKey):
 * a case page opens its report, messages, notes, steps and Meldcode records, each under the same
 * key, and each look-up was a query and an unwrap (about 20 µs, 40 % of reading one report).
 */
export const OPENED_CASE_KEYS = 256;

/**
 * The master key, carried by the database handle as a Kysely plugin that changes no query: every
 * transaction opened on that handle carries it too, so db/queries find it wherever they are called.
 */
export class CaseCrypto implements KyselyPlugin {
  /** Names the master key in each wrapped case key (a keyed hash, from which the key cannot be found). */
  readonly masterKeyId: string;
  private readonly opened = new Map<number, Buffer>();

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== KEY_BYTES) throw new Error(`a master key has ${KEY_BYTES} bytes`);
    this.masterKeyId = masterKeyIdOf(masterKey);
  }

  wrap(reportId: number, caseKey: Buffer): string {
    return `${WRAP_FORMAT}${seal(this.masterKey, aad(reportId, 'case_key'), caseKey).toString('base64')}`;
  }

  unwrap(reportId: number, masterKeyId: string, wrapped: string): Buffer {
    if (masterKeyId !== this.masterKeyId) {
      throw new CaseContentError(`the key of case ${reportId} is wrapped under another master key (${masterKeyId}, not ${this.masterKeyId})`, reportId, 'case_key');
    }
    if (!wrapped.startsWith(WRAP_FORMAT)) throw new CaseContentError(`the key of case ${reportId} is not in a known format`, reportId, 'case_key');
    return open(this.masterKey, reportId, 'case_key', Buffer.from(wrapped.slice(WRAP_FORMAT.length), 'base64'));
  }

  /** The key of case `reportId` if it is kept opened. */
  openedKey(reportId: number): Buffer | undefined {
    const key = this.opened.get(reportId);
    if (key) {
      this.opened.delete(reportId);
      this.opened.set(reportId, key);
    }
    return key;
  }

  keepOpened(reportId: number, key: Buffer): void {
    this.opened.delete(reportId);
    this.opened.set(reportId, key);
    if (this.opened.size > OPENED_CASE_KEYS) this.opened.delete(this.opened.keys().next().value!);
  }

  /** The case key was deleted (retention): this process holds no copy of it after this either. */
  forget(reportId: number): void {
    this.opened.delete(reportId);
  }

  /** Rotation: the keys are wrapped under another master key now; none stays under this one. */
  forgetAll(): void {
    this.opened.clear();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function masterKeyIdOf(masterKey: Buffer): string {
  return createHmac('sha256', masterKey).update('klikvrij master key id v1').digest('hex').slice(0, 16);
}

/** The database handle that seals and opens case content under this master key. */
export function withCaseCrypto(db: Db, crypto: CaseCrypto): Db {
  return db.withPlugin(crypto);
}

/** The handle's case crypto, if it has one: deleting needs none (a restore deletes content without the master key). */
export function caseCryptoIn(db: Db): CaseCrypto | undefined {
  return db.getExecutor().plugins.find((plugin): plugin is CaseCrypto => plugin instanceof CaseCrypto);
}

export function caseCryptoOf(db: Db): CaseCrypto {
  const crypto = caseCryptoIn(db);
  if (!crypto) throw new Error('case content needs the database handle of the app context (withCaseCrypto)');
  return crypto;
}
