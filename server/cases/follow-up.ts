import { updateCase } from '../../db/queries/reports.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { addDays, localDay } from '../schools/school-days.js';
import { MAX_FOLLOW_UP_DAYS_AHEAD } from '../shared/limits.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';
import { changeCase } from './case-actions.js';
import type { FollowUpInput } from './schema/protocol-steps.js';

// The protocol's look back: after the talks with the pupils and the parents (stap 2, 3a), does the
// bullying stop, or does it come back (stap 4)? Staff, an invited class teacher too, set the day to
// look back at the case; on that day its handler is mailed (server/jobs/follow-ups.ts).

/** Sets (or, with null, takes away) the day to look back at an open case; a new day is mailed about anew. */
export async function setFollowUp(context: AppContext, principal: StaffPrincipal, id: number, input: FollowUpInput) {
  return changeCase(context, principal, id, { whenClosed: 'refuse' }, async (scope) => {
    if (input.on !== null) checkFollowUpDay(input.on, localDay(scope.now));
    await updateCase(scope.trx, scope.report.id, { follow_up_on: input.on, follow_up_mailed_at: null });
    await scope.audit('followup.set', input.on === null ? 'geen dag meer' : `terugkijken op ${input.on}`);
  });
}

function checkFollowUpDay(day: string, today: string): void {
  const message =
    day < today
      ? 'Kies vandaag of een dag hierna.'
      : day > addDays(today, MAX_FOLLOW_UP_DAYS_AHEAD)
        ? `Kies een dag binnen ${MAX_FOLLOW_UP_DAYS_AHEAD} dagen.`
        : undefined;
  if (message) throw new AppError('invalid_input', message, { on: message });
}
