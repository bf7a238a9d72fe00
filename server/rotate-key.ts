// Re-wraps every case key under a new master key, with the server stopped:
//
//   npm run rotate-key          (the server's environment: DATA_DIR, MASTER_KEY_FILE)
//
// The content itself is not touched (each case keeps its data key), so this takes a moment even for
// a board's years of cases. Steps, each safe to interrupt (running the command again finishes it):
//   1. the new key is written to <key file>.new (0600), unless a run that stopped left one there;
//   2. one transaction re-wraps every case key and stores the new key's check value;
//   3. the old key file is renamed to <key file>.old-<time> and <key file>.new to <key file>.
// The old key is kept aside, never deleted: backups made before the rotation open only with it.
// The operator removes it once those backups are no longer needed; from then on nobody can read a
// case deleted before the rotation in any of them.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CaseCrypto, withCaseCrypto } from '../db/case-crypto.js';
import { DataDirInUseError, lockDataDir, type DataDirLock } from '../db/data-dir-lock.js';
import { migrateToLatest, openStore, type Db } from '../db/database.js';
import { countCaseKeysNotUnder, rewrapCaseKeys, sealPlaintextCases } from '../db/queries/case-keys.js';
import { findSecretCheck, saveSecretCheck } from '../db/queries/secret-checks.js';
import { takeServerLockAlone } from '../db/server-lock.js';
import { runTransaction } from '../db/transaction.js';
import { syncFolder } from './backup.js';
import { loadCaseCrypto, MASTER_KEY, masterKeyFile } from './case-keys/master-key.js';
import { loadConfig } from './config.js';
import { DATABASE_FILE } from './context.js';
import { checkValue, keyIn, readSecretFile, SECRET_BYTES, writeNewSecretFile } from './secret-file.js';

export interface RotationResult {
  /** Case keys now wrapped under the new key. */
  rewrapped: number;
  keyFile: string;
  /** Where the previous key was put aside. */
  oldKeyFile: string;
}

export async function rotateMasterKey(
  config: { dataDir: string; masterKeyFile?: string | undefined; databaseUrl?: string | undefined },
  now = new Date(),
): Promise<RotationResult> {
  let lock;
  try {
    lock = lockDataDir(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new Error(`${error.message} Stop every server first.`);
    throw error;
  }
  const keyFile = masterKeyFile(config);
  const newFile = `${keyFile}.new`;
  // On PostgreSQL the folder's lock holds this folder only; every app server on the database holds the
  // servers' lock shared, and one still running would go on wrapping new case keys under the old key.
  let servers: DataDirLock | undefined;
  if (config.databaseUrl) {
    try {
      servers = await takeServerLockAlone(config.databaseUrl);
    } finally {
      if (!servers) lock.release();
    }
    if (!servers) throw new Error('An app server still runs on this database (it holds the servers\' lock in PostgreSQL). Stop every server first.');
  }
  const { db } = await openStore({ databaseUrl: config.databaseUrl, file: path.join(config.dataDir, DATABASE_FILE) });
  try {
    await migrateToLatest(db);
    let next = await leftNewKey(db, keyFile, newFile);
    if (next === undefined) {
      next = randomBytes(SECRET_BYTES);
      writeNewSecretFile(newFile, next);
    }
    const nextCrypto = new CaseCrypto(next);
    let rewrapped = 0;
    // A run that stopped after its commit: the database is under the new key already, only the files are left.
    if ((await findSecretCheck(db, MASTER_KEY.name)) !== checkValue(MASTER_KEY.name, next)) {
      const current = await loadCaseCrypto(db, config);
      // Content still in plain text (an upgrade nobody started yet) is sealed first, under the current key.
      await sealPlaintextCases(withCaseCrypto(db, current));
      rewrapped = await runTransaction(db, async (trx) => {
        const count = await rewrapCaseKeys(trx, current, nextCrypto);
        const left = await countCaseKeysNotUnder(trx, nextCrypto.masterKeyId);
        if (left > 0) throw new Error(`${left} case keys are wrapped under neither the current nor the new master key; nothing was changed`);
        await saveSecretCheck(trx, MASTER_KEY.name, checkValue(MASTER_KEY.name, next));
        return count;
      });
    }
    const oldKeyFile = `${keyFile}.old-${now.toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(keyFile)) await rename(keyFile, oldKeyFile);
    await rename(newFile, keyFile);
    await syncFolder(path.dirname(keyFile));
    return { rewrapped, keyFile, oldKeyFile };
  } finally {
    await db.destroy();
    await servers?.release();
    lock.release();
  }
}

/**
 * The new key a run that stopped left in `<key file>.new`, or undefined when there is none. A file
 * that holds no key (the run stopped between making the file and writing it) is removed, as long as
 * the database is still under the key file's key: nothing was wrapped under it.
 */
async function leftNewKey(db: Db, keyFile: string, newFile: string): Promise<Buffer | undefined> {
  let content: Buffer;
  try {
    content = await readFile(newFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = keyIn(content);
  if (key) return key;
  const current = readSecretFile(keyFile);
  if (!current || (await findSecretCheck(db, MASTER_KEY.name)) !== checkValue(MASTER_KEY.name, current)) {
    throw new Error(`${newFile} holds no key, and the database is not under ${keyFile} either. Restore both from the backups; nothing was changed.`);
  }
  await rm(newFile);
  return undefined;
}

async function main(): Promise<number> {
  if (process.argv.length > 2) {
    console.error('usage: npm run rotate-key   (reads DATA_DIR and MASTER_KEY_FILE, with every server stopped)');
    return 2;
  }
  try {
    const result = await rotateMasterKey(loadConfig(process.env));
    console.log(
      `klikvrij rotate-key: ${result.rewrapped} case keys re-wrapped; the new master key is ${result.keyFile}.\n` +
        `The old key is kept at ${result.oldKeyFile}: backups made before now open only with it. ` +
        'Back up the new key apart from the database, and remove the old one when those backups are no longer needed.',
    );
    return 0;
  } catch (error) {
    console.error(`klikvrij rotate-key failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
