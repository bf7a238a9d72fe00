import { countSchools } from '../../db/queries/schools.js';
import type { ParsedSchoolsFile } from '../schools/schools-file.js';
import { auditBoard } from './board-audit.js';
import { addBoardAdmin } from './board-admins.js';
import type { Db } from '../../db/database.js';
import { storeNewSchool } from './store-school.js';
import { runTransaction } from '../../db/transaction.js';

/** The "who" of an import in the admin list and the audit log. */
export const IMPORT_ACTOR = { email: 'import', name: 'import (SCHOOLS_FILE of standaardtabel)' };

/**
 * On the first start (no school in the database yet) the schools file, or the seed's table, becomes
 * the board's data in one transaction. Later starts leave the database alone: from then on the
 * board admin area is where schools change. Returns whether it imported.
 */
export async function importBoardOnFirstStart(db: Db, file: ParsedSchoolsFile, at: Date): Promise<boolean> {
  return runTransaction(db, async (trx) => {
    if ((await countSchools(trx)) > 0) return false;
    for (const school of file.schools) {
      await storeNewSchool(trx, school, { isDefault: school.slug === file.defaultSchool, at });
      await auditBoard(trx, { school: school.slug, actor: IMPORT_ACTOR, action: 'board.school.add', detail: `${school.contacts.length} contactpersonen`, at });
    }
    for (const admin of file.boardAdmins) {
      await addBoardAdmin(trx, admin, IMPORT_ACTOR.email, at);
      await auditBoard(trx, { actor: IMPORT_ACTOR, action: 'board.admin.add', detail: admin.email, at });
    }
    return true;
  });
}
