import path from 'node:path';
import type { Db } from '../../db/database.js';
import { CaseCrypto } from '../../db/case-crypto.js';
import type { Config } from '../config.js';
import { loadSecretFile, type SecretFileSpec } from '../secret-file.js';

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
 * Reads the master key, refusing the start when it is not the one the case keys are wrapped under.
 * DATA_DIR/master-key is made on the first start; a MASTER_KEY_FILE must exist (every server needs the same one).
 */
export async function loadCaseCrypto(db: Db, config: Pick<Config, 'dataDir' | 'masterKeyFile'>): Promise<CaseCrypto> {
  const key = await loadSecretFile(db, config.dataDir, MASTER_KEY, {
    file: masterKeyFile(config),
    create: config.masterKeyFile === undefined,
  });
  return new CaseCrypto(key);
}
