import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.js';
import { countRowsKeyedBy, findSecretCheck, saveSecretCheck, type SecretFileName } from '../db/queries/secret-checks.js';
import { StartupError } from './startup-error.js';

/** Every secret file holds a 256-bit key. */
export const SECRET_BYTES = 32;
const CHECK_LABEL = 'klikvrij secret check v1:';

export interface SecretFileSpec {
  name: SecretFileName;
  /** What stops working with another key, for the operator's message: "every receipt code". */
  protects: string;
}

export interface SecretFileLocation {
  /** Where the key is read; default DATA_DIR/<name>. */
  file?: string | undefined;
  /** false: a missing file refuses the start instead of being made (a file the operator mounts). */
  create?: boolean;
}

/**
 * The key in DATA_DIR/<name>, or undefined when there is no file. New files hold the key as hex on
 * one line; older files hold the 32 raw bytes. Whitespace around hex (an editor's newline, a key
 * pasted from a password manager) and after raw bytes is ignored.
 */
export function readSecretFile(file: string): Buffer | undefined {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StartupError(`${file} cannot be read (${(error as Error).message}). The server must be able to read its own secret files.`);
  }
  const key = keyIn(content);
  if (key) return key;
  throw new StartupError(
    `${file} does not hold a key (64 hexadecimal characters or ${SECRET_BYTES} bytes). ` +
      'Restore the file from the backup made with the database; do not delete it.',
  );
}

/** The key in a file the operator mounts (never made for them): a missing one refuses the start like an unreadable one. */
export function readMountedSecretFile(file: string): Buffer {
  const key = readSecretFile(file);
  if (key) return key;
  throw new StartupError(`${file} does not exist. Make it once with \`openssl rand -hex ${SECRET_BYTES} > ${file}\` (mode 0600) and give every server the same file.`);
}

/** The key a secret file's bytes hold (hex on one line, or 32 raw bytes), or undefined when they hold none. */
export function keyIn(content: Buffer): Buffer | undefined {
  const text = content.toString('latin1').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const raw = content.subarray(0, SECRET_BYTES);
  if (raw.length === SECRET_BYTES && content.subarray(SECRET_BYTES).toString('latin1').trim() === '') return raw;
  return undefined;
}

/** The check value the database keeps for a key: a keyed hash of a fixed label, from which the key cannot be found. */
export function checkValue(name: SecretFileName, key: Buffer): string {
  return createHmac('sha256', key).update(`${CHECK_LABEL}${name}`).digest('hex');
}

/**
 * Reads DATA_DIR/<name>, or creates it (mode 0600) when nothing in the database depends on it.
 * Refuses to start (StartupError, exit status 1) when the file is missing or is not the key the
 * database was used with while rows depend on it: starting anyway would make every receipt code
 * or second factor fail without a word.
 */
export async function loadSecretFile(db: Db, dataDir: string, spec: SecretFileSpec, location: SecretFileLocation = {}): Promise<Buffer> {
  const file = location.file ?? path.join(dataDir, spec.name);
  const stored = await findSecretCheck(db, spec.name);
  let key = location.create === false ? readMountedSecretFile(file) : readSecretFile(file);
  if (key === undefined) {
    const keyed = await countRowsKeyedBy(db, spec.name);
    if (keyed > 0) {
      throw new StartupError(
        `${file} is missing, but ${keyed} rows in the database depend on it: without it ${spec.protects} stops working. ` +
          'Restore the file from the backup made with the database (see "Restore" in the README); ' +
          'do not delete the database and do not let the server make a new file.',
      );
    }
    key = createSecretFile(file);
  }
  const check = checkValue(spec.name, key);
  if (stored === check) return key;
  if (stored !== undefined) {
    const keyed = await countRowsKeyedBy(db, spec.name);
    if (keyed > 0) {
      throw new StartupError(
        `${file} is not the key this database was used with (${keyed} rows depend on it): ${spec.protects} would stop working. ` +
          'Put back the file from the backup made with the database (see "Restore" in the README); do not delete either.',
      );
    }
  }
  // A first start, an upgrade from a version without check values, or a key nothing depends on yet.
  await saveSecretCheck(db, spec.name, check);
  return key;
}

/**
 * Writes a new key file (mode 0600, never over an existing one: 'wx') and makes it durable, its
 * content and its name in the folder, before anything is sealed or wrapped under it: a power cut
 * soon after must not leave an empty file beside a database that needs the key.
 */
export function writeNewSecretFile(file: string, key: Buffer): void {
  const descriptor = openSync(file, 'wx', 0o600);
  try {
    writeSync(descriptor, `${key.toString('hex')}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  syncFolder(path.dirname(file));
}

function syncFolder(folder: string): void {
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Makes a new key file, or reads the one another process made a moment before (two servers started
 * at once on one DATA_DIR): either way every process gets the same key.
 */
export function createSecretFile(file: string): Buffer {
  const key = randomBytes(SECRET_BYTES);
  // Written whole under a name of its own first, then linked into place: the file appears with its key
  // or not at all (a process made at it directly, the other read it empty in between), and a link, like
  // 'wx', never replaces a file: two processes starting at once keep whichever key was first.
  const draft = `${file}.${randomBytes(6).toString('hex')}.draft`;
  writeNewSecretFile(draft, key);
  try {
    linkSync(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StartupError(`${file} could not be created (${(error as Error).message}).`);
    const written = readSecretFile(file);
    if (!written) throw new StartupError(`${file} could not be created.`);
    return written;
  } finally {
    rmSync(draft, { force: true });
    syncFolder(path.dirname(file));
  }
}
