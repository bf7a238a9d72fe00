import { findSchoolReport } from '../../db/queries/reports.js';
import type { Report } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { canSeeReport, seesWholeSchool, type StaffPrincipal } from '../staff-auth/staff-identity.js';
import type { Db } from '../../db/database.js';
import { teacherMayOpen } from './teacher-access.js';

// Another school's report, a confidential one for someone who is not the vertrouwenspersoon and a
// missing one all get this same answer: staff learn nothing about reports they may not see.
const NOT_FOUND_MESSAGE = 'Deze melding bestaat niet, of je mag hem niet openen.';

export function caseNotFound(): AppError {
  return new AppError('not_found', NOT_FOUND_MESSAGE);
}

/**
 * A stored case whose content does not open (db/case-crypto.ts, CaseContentError): staff are told
 * which case and whom to tell, the one who runs the server, who can compare it with a backup.
 */
export function caseUnreadable(reportId: number): AppError {
  return new AppError(
    'case_unreadable',
    `De inhoud van melding ${reportId} kan niet worden geopend. Er is niets gewist of veranderd. ` +
      'Vertel het aan wie de server van klikvrij beheert, met het nummer van de melding.',
  );
}

export async function loadVisibleCase(db: Db, principal: StaffPrincipal, id: number): Promise<Report> {
  const report = await findSchoolReport(db, principal.school.slug, id);
  if (!report) throw caseNotFound();
  // A class teacher sees a case only through an invitation in force while it is open.
  const visible = principal.kind === 'teacher' ? await teacherMayOpen(db, principal, report) : canSeeReport(principal, report);
  if (!visible) throw caseNotFound();
  return report;
}

/**
 * The report holding the case a report belongs to: the report itself, or the one it was linked
 * into. Linked reports share who may see them (linking checks it), so a holder hidden from this
 * person means a broken link and answers as a missing case.
 */
export async function loadCaseHolder(db: Db, principal: StaffPrincipal, report: Report): Promise<Report> {
  if (report.case_of === null) return report;
  return loadVisibleCase(db, principal, report.case_of);
}

/**
 * The school's numbers and recording a new report are for those who work with the school's reports
 * as a whole: the aandachtsfunctionaris opens only the cases marked for the Meldcode.
 */
export function requireWholeSchool(principal: StaffPrincipal): void {
  if (!seesWholeSchool(principal.member)) {
    throw new AppError('forbidden', 'Als aandachtsfunctionaris open je alleen de meldingen voor de Meldcode.');
  }
}
