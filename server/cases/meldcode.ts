import { insertMeldcodeEntry } from '../../db/queries/meldcode.js';
import { updateCase } from '../../db/queries/reports.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { notify } from '../notifications/notifier.js';
import { MELDCODE_STEP_LABELS, type MeldcodeStep } from '../shared/meldcode.js';
import type { CaseResponse } from '../shared/staff-responses.js';
import { canSeeMeldcode, type StaffPrincipal } from '../staff-auth/staff-identity.js';
import { changeCase } from './case-actions.js';
import type { MeldcodeEntryInput } from './schema/meldcode.js';

/**
 * Marks a case for the Meldcode huiselijk geweld en kindermishandeling: the aandachtsfunctionaris
 * gets access and a routing mail without details (also for a case meant for the vertrouwenspersoon
 * only: the mark is the decision to involve them). A case nobody handles gets the one who marked it
 * as its handler, so that the mark is never out of its handler's sight. Marking a marked case again
 * changes nothing and answers alike, so someone who may not see the mark learns nothing from it.
 */
export async function markForMeldcode(context: AppContext, principal: StaffPrincipal, id: number): Promise<CaseResponse> {
  return changeCase(context, principal, id, { whenClosed: 'allow' }, async (scope) => {
    if (scope.report.meldcode_at !== null) return;
    await updateCase(scope.trx, scope.report.id, { meldcode_at: scope.now.toISOString(), meldcode_by: principal.member.name });
    if (scope.report.assignee_email === null) {
      await updateCase(scope.trx, scope.report.id, { assignee_email: principal.member.email });
      await scope.audit('assignee.set', `aan ${principal.member.name}`);
    }
    await scope.audit('meldcode.mark');
    await notify.caseRouting(context, scope.trx, {
      school: principal.school,
      reportId: scope.report.id,
      event: 'meldcode',
      actor: principal.member,
      now: scope.now,
    });
  });
}

/** A record of one of the Meldcode's steps, or a note, by the aandachtsfunctionaris, the directeur or the handler. */
export async function recordMeldcodeEntry(context: AppContext, principal: StaffPrincipal, id: number, input: MeldcodeEntryInput) {
  return changeCase(context, principal, id, { whenClosed: 'allow' }, async (scope) => {
    if (!canSeeMeldcode(principal.member, scope.report)) {
      throw new AppError('forbidden', 'Alleen de aandachtsfunctionaris, de directeur en wie de melding behandelt houden de Meldcode bij.');
    }
    if (scope.report.meldcode_at === null) throw new AppError('conflict', 'Markeer de melding eerst voor de Meldcode.');
    await insertMeldcodeEntry(scope.trx, {
      reportId: scope.report.id,
      step: input.step ?? null,
      note: input.note,
      staffEmail: principal.member.email,
      staffName: principal.member.name,
      at: scope.now.toISOString(),
    });
    await scope.audit(input.step ? 'meldcode.step' : 'meldcode.note', input.step ? MELDCODE_STEP_LABELS[input.step as MeldcodeStep] : undefined);
  });
}
