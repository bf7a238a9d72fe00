import { listMeldcodeEntries } from '../../db/queries/meldcode.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { MELDCODE_STEP_LABELS, MELDCODE_STEPS } from '../shared/meldcode.js';
import type { MeldcodePart } from '../shared/staff-responses.js';
import { canSeeMeldcode, type StaffPrincipal } from '../staff-auth/staff-identity.js';

/**
 * The Meldcode part of a case for someone who may see it (null while the case is not marked), or
 * undefined for anyone else: then the case view carries no `meldcode` key at all.
 */
export async function meldcodePartFor(db: Db, principal: StaffPrincipal, holder: Report): Promise<MeldcodePart | null | undefined> {
  if (!canSeeMeldcode(principal.member, holder)) return undefined;
  if (holder.meldcode_at === null) return null;
  const entries = await listMeldcodeEntries(db, holder.id);
  return {
    markedAt: holder.meldcode_at,
    markedBy: holder.meldcode_by ?? '',
    steps: MELDCODE_STEPS.map((step) => ({ step, label: MELDCODE_STEP_LABELS[step] })),
    entries: entries.map((entry) => ({ id: entry.id, step: entry.step, note: entry.note, by: entry.staff_name, at: entry.created_at })),
  };
}
