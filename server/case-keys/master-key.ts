import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.js';
import { CaseCrypto } from '../../db/case-crypto.js';
import type { Config } from '../config.js';
import { findSecretCheck } from '../../db/queries/secret-checks.js';
import { checkValue, keyIn, loadSecretFile, readMountedSecretFile, type SecretFileSpec } from '../secret-file.js';
import { StartupError } from '../startup-error.js';

/** The master key every case key is wrapped under (db/case-crypto.ts); never in the database. */
export const MASTER_KEY: SecretFileSpec = {
  name: 'master-key',
  protects: 'the content of every case (what reporters wrote, messages, notes, screenshots)',
};

/** Where the master key is: MASTER_KEY_FILE (shared by several app servers), or DATA_DIR/master-key. */
export function masterKeyFile(config: Pick<Config, 'dataDir' | 'masterKeyFile'>): string {
  return config.masterKeyFile ?? path.join(config.dataDir, MASTER_KEY.name);
}

/**
 * Before the database is opened: a MASTER_KEY_FILE that is missing, unreadable or holds no key refuses
 * the start, naming the variable, and nothing is stored yet.
 */
export function assertMasterKeyFileReadable(config: Pick<Config, 'masterKeyFile'>): void {
  if (config.masterKeyFile === undefined) return;
  try {
    readMountedSecretFile(config.masterKeyFile);
  } catch (error) {
    throw error instanceof StartupError ? new StartupError(`MASTER_KEY_FILE ${error.message}`) : error;
  }
}

/**
 * Reads the master key, refusing the start when it is not the one the case keys are wrapped under.
 * DATA_DIR/master-key is made on the first start; a MASTER_KEY_FILE must exist (every server needs the same one).
 */
export async function loadCaseCrypto(db: Db, config: Pick<Config, 'dataDir' | 'masterKeyFile'>): Promise<CaseCrypto> {
  const file = masterKeyFile(config);
  try {
    return new CaseCrypto(await loadSecretFile(db, config.dataDir, MASTER_KEY, { file, create: config.masterKeyFile === undefined }));
  } catch (error) {
    // Putting back an older key file, as the refusal would say, does not help here: finishing does.
    if (error instanceof StartupError && (await underLeftNewKey(db, file))) {
      throw new StartupError(
        `npm run rotate-key stopped half-way: the database is under the new master key in ${file}.new already, not under ${file}. ` +
          'Run npm run rotate-key again (every server stopped) to finish it, then start the servers.',
      );
    }
    throw error;
  }
}

/** True when a rotation committed under `<file>.new` and stopped before its renames. */
async function underLeftNewKey(db: Db, file: string): Promise<boolean> {
  let key: Buffer | undefined;
  try {
    key = keyIn(readFileSync(`${file}.new`));
  } catch {
    return false;
  }
  return key !== undefined && (await findSecretCheck(db, MASTER_KEY.name)) === checkValue(MASTER_KEY.name, key);
}
