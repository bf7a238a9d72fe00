import { accessSync, chmodSync, constants, mkdirSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { SecretFileName } from '../db/queries/secret-checks.js';
import { StartupError } from './startup-error.js';

// Children's reports, login links in queued mails and the secrets live in DATA_DIR: nobody but the
// server's own user may read any of it.

/** The process's file-creation mask: what the server creates is its user's alone. */
export const PRIVATE_UMASK = 0o077;
const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;
/** Permission bits for the group and for others. */
const SHARED_BITS = 0o077;

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Makes DATA_DIR when it is missing, and refuses one the server cannot use: a file, a folder it may not
 * create or write in, or one open to others (below).
 */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new StartupError(
      `DATA_DIR ${dataDir} cannot be used (${(error as Error).message}). ` +
        "It must be a folder the server's user owns and may write in, mode 0700 (systemd: StateDirectory=klikvrij).",
    );
  }
  assertPrivateDataDir(dataDir);
  assertOwnFiles(dataDir);
}

/** The key files, once made, are only read (server/secret-file.ts): one kept read-only (0400) is fine. */
const READ_ONLY_FILES: ReadonlySet<string> = new Set(['receipt-secret', 'totp-key', 'master-key'] satisfies SecretFileName[]);

/**
 * Refuses files in DATA_DIR the server's user may not read and write (the key files: read), such as a
 * database or key file left by a start as root (`sudo npm start`) or a restore by hand: SQLite would
 * fail on them with 'unable to open database file' and no name.
 */
function assertOwnFiles(dataDir: string): void {
  const uid = process.getuid?.();
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(dataDir, entry.name);
    const needed = constants.R_OK | (READ_ONLY_FILES.has(entry.name) ? 0 : constants.W_OK) | (entry.isDirectory() ? constants.X_OK : 0);
    try {
      accessSync(file, needed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      const found = statSync(file, { throwIfNoEntry: false });
      if (found && found.uid === uid) {
        throw new StartupError(
          `DATA_DIR ${dataDir}: ${entry.name} is this server's user's with mode ${octal(found.mode)}, and it must read and write it: ` +
            `chmod ${entry.isDirectory() ? '700' : '600'} ${file}`,
        );
      }
      throw new StartupError(
        `DATA_DIR ${dataDir}: ${entry.name} belongs to another user (uid ${found?.uid}) and this server's user (uid ${uid}) may not ` +
          `read and write it. Give the folder and everything in it to the server's user: chown -R <user> ${dataDir}`,
      );
    }
  }
}

/**
 * Refuses a DATA_DIR that other users of the machine may enter or read: systemd's StateDirectory and
 * many container volumes are 0755 unless told otherwise.
 */
function assertPrivateDataDir(dataDir: string): void {
  const { mode } = statSync(dataDir);
  if ((mode & SHARED_BITS) === 0) return;
  throw new StartupError(
    `DATA_DIR ${dataDir} is open to other users of this machine (mode ${octal(mode)}), and it holds children's reports. ` +
      `klikvrij does not start on it. Make it the server user's alone: chmod 700 ${dataDir} ` +
      '(systemd: StateDirectoryMode=0700; a container volume: owned by the server user, mode 0700).',
  );
}

/**
 * Gives every file and folder in DATA_DIR owner-only modes: a database copied in, or files from a
 * version that did not set them, are not left readable by others.
 */
export function makeDataFilesPrivate(dataDir: string): void {
  makeEntriesPrivate(dataDir, readdirSync(dataDir, { withFileTypes: true }));
}

function makeEntriesPrivate(folder: string, entries: readonly Dirent[]): void {
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (entry.isSymbolicLink()) continue;
    const wanted = entry.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    // Another server on a shared DATA_DIR (PostgreSQL) may rename a mail file away meanwhile: gone is private enough.
    const found = statSync(file, { throwIfNoEntry: false });
    if (!found) continue;
    if ((found.mode & SHARED_BITS) !== 0) {
      try {
        chmodSync(file, wanted);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new StartupError(`Cannot make ${file} private to the server user (${(error as Error).message}); chmod it to ${octal(wanted)}.`);
      }
    }
    if (!entry.isDirectory()) continue;
    // A folder removed meanwhile (by another server on the shared DATA_DIR) is skipped like a file.
    let inside: Dirent[];
    try {
      inside = readdirSync(file, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    makeEntriesPrivate(file, inside);
  }
}
