import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as followUp from './0002-follow-up.js';
import * as staff from './0003-staff.js';
import * as urgent from './0004-urgent.js';
import * as indexes from './0005-indexes.js';
import * as totp from './0006-totp.js';
import * as answerNotice from './0007-answer-notice.js';
import * as retentionIndex from './0008-retention-index.js';
import * as statisticsIndex from './0009-statistics-index.js';
import * as staffSignIn from './0010-staff-sign-in.js';
import * as fragmentLoginLinks from './0011-fragment-login-links.js';
import * as mailedLoginRequests from './0012-mailed-login-requests.js';
import * as outboxDelivery from './0013-outbox-delivery.js';
import * as board from './0014-board.js';
import * as totpRecoveryCodes from './0015-totp-recovery-codes.js';
import * as dangerAndFear from './0016-danger-and-fear.js';
import * as reporterAnswerMark from './0017-reporter-answer-mark.js';
import * as secretChecks from './0018-secret-checks.js';
import * as schoolDaysOff from './0019-school-days-off.js';
import * as reporterLanguage from './0020-reporter-language.js';
import * as reportSource from './0021-report-source.js';
import * as schoolYears from './0022-school-years.js';
import * as retiredReportIds from './0023-retired-report-ids.js';
import * as contactsJoiningNextYear from './0024-contacts-joining-next-year.js';
import * as linkedCases from './0025-linked-cases.js';
import * as meldcode from './0026-meldcode.js';
import * as caseKeys from './0027-case-keys.js';
import * as teachers from './0028-teachers.js';
import * as caseCountingIndexes from './0029-case-counting-indexes.js';
import * as inboxVisibilityIndexes from './0030-inbox-visibility-indexes.js';
import * as finishedUpgrades from './0031-finished-upgrades.js';
import * as outboxClaimOrder from './0032-outbox-claim-order.js';
import * as schoolRevision from './0033-school-revision.js';
import * as caseFollowUp from './0034-case-follow-up.js';
import * as outboxConfidential from './0035-outbox-confidential.js';

// A static, ordered map: no directory scanning, so a bundler or a typo cannot drop a migration.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-follow-up': followUp,
  '0003-staff': staff,
  '0004-urgent': urgent,
  '0005-indexes': indexes,
  '0006-totp': totp,
  '0007-answer-notice': answerNotice,
  '0008-retention-index': retentionIndex,
  '0009-statistics-index': statisticsIndex,
  '0010-staff-sign-in': staffSignIn,
  '0011-fragment-login-links': fragmentLoginLinks,
  '0012-mailed-login-requests': mailedLoginRequests,
  '0013-outbox-delivery': outboxDelivery,
  '0014-board': board,
  '0015-totp-recovery-codes': totpRecoveryCodes,
  '0016-danger-and-fear': dangerAndFear,
  '0017-reporter-answer-mark': reporterAnswerMark,
  '0018-secret-checks': secretChecks,
  '0019-school-days-off': schoolDaysOff,
  '0020-reporter-language': reporterLanguage,
  '0021-report-source': reportSource,
  '0022-school-years': schoolYears,
  '0023-retired-report-ids': retiredReportIds,
  '0024-contacts-joining-next-year': contactsJoiningNextYear,
  '0025-linked-cases': linkedCases,
  '0026-meldcode': meldcode,
  '0027-case-keys': caseKeys,
  '0028-teachers': teachers,
  '0029-case-counting-indexes': caseCountingIndexes,
  '0030-inbox-visibility-indexes': inboxVisibilityIndexes,
  '0031-finished-upgrades': finishedUpgrades,
  '0032-outbox-claim-order': outboxClaimOrder,
  '0033-school-revision': schoolRevision,
  '0034-case-follow-up': caseFollowUp,
  '0035-outbox-confidential': outboxConfidential,
};
