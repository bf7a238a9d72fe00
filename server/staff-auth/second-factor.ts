// The optional second factor of the staff portal: a TOTP code (RFC 6238) from an authenticator app,
// asked after the login link. Per person; a school can require it of all its portal users.
// Every change to it needs a fresh login, is mailed to its owner and lands in the audit log.
import { randomBytes } from 'node:crypto';
import {
  completeSecondFactor,
  countSecondFactorFailure,
  countUnusedRecoveryCodes,
  deleteOtherSessionsOfEmail,
  deleteTotp,
  emailsWithEnabledTotp,
  enableTotp,
  findTotp,
  replaceRecoveryCodes,
  savePendingTotp,
  useRecoveryCode,
  useTotpStep,
} from '../../db/queries/staff-totp.js';
import { deleteSession, deleteSessionsOfEmail } from '../../db/queries/staff-auth.js';
import type { Db } from '../../db/database.js';
import { runTransaction } from '../../db/transaction.js';
import type { SecondFactorChangedMailData } from '../../templates/second-factor-changed.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { notify } from '../notifications/notifier.js';
import { STAFF_FRESH_LOGIN_MS, STAFF_TOTP_MAX_FAILURES, TOTP_SECRET_BYTES } from '../shared/limits.js';
import { audit } from '../audit/audit.js';
import type { StaffStage } from '../shared/staff-session.js';
import { drawRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes.js';
import type { SecondFactorCode } from './schema.js';
import {
  canReadAudit,
  staffMemberOf,
  staffMembersOf,
  type StaffMember,
  type StaffPrincipal,
} from './staff-identity.js';
import { schoolsOfPerson } from './teacher-identity.js';
import { base32Encode, groupSecret, matchTotp, otpauthUri } from './totp.js';
import { qrCodeDataUrl } from '../qr-code.js';

export const SECOND_FACTOR_REQUIRED =
  'Vul eerst de code van zes cijfers uit je authenticator-app in om verder te gaan.';
export const TOTP_SETUP_REQUIRED =
  'Je school vraagt om een tweede stap bij het inloggen. Zet eerst inloggen met een authenticator-app aan.';
export const WRONG_CODE = 'Deze code klopt niet. Kijk in je authenticator-app en vul de code in die je nu ziet.';
export const TOO_MANY_WRONG_CODES = 'Je hebt te vaak een verkeerde code ingevuld. Vraag een nieuwe inloglink aan.';
const ALREADY_ON = 'Inloggen met een authenticator-app staat al aan.';
const NOT_ON = 'Inloggen met een authenticator-app staat niet aan.';
const NO_SETUP = 'Begin opnieuw met het aanzetten van de authenticator-app.';
const REQUIRED_BY_SCHOOL = 'Je school vraagt om deze tweede stap bij het inloggen. Je kunt hem daarom niet uitzetten.';
export const FRESH_LOGIN_NEEDED = `Log hiervoor eerst opnieuw in met een nieuwe inloglink. Dit kan alleen in de eerste ${
  STAFF_FRESH_LOGIN_MS / 60_000
} minuten na het inloggen.`;
const DIRECTOR_ONLY = 'Alleen de directeur kan de authenticator-app van een collega loskoppelen.';
const NOT_A_COLLEAGUE = 'Deze persoon staat niet in de contactlijst van je school.';
const NOT_YOURSELF = 'Je eigen authenticator-app zet je uit onder Beveiliging, met een code.';
const COLLEAGUE_NOT_ON = 'Deze collega gebruikt geen authenticator-app.';

/** Changes to how a person logs in need a session opened moments ago, not one left open on a desk. */
function requireFreshLogin(context: AppContext, principal: StaffPrincipal): void {
  if (context.now().getTime() - Date.parse(principal.signedInAt) > STAFF_FRESH_LOGIN_MS) {
    throw new AppError('fresh_login_required', FRESH_LOGIN_NEEDED);
  }
}

/** Queues the mail that tells the owner their login changed; it leaves once the transaction commits. */
async function queueChangeMail(
  context: AppContext,
  trx: Db,
  school: string,
  owner: StaffMember,
  change: Omit<SecondFactorChangedMailData, 'name' | 'portalUrl'>,
): Promise<void> {
  await notify.secondFactorChanged(context, trx, { scope: school, owner, change, now: context.now() });
}

/** The error for a session that tried a route its stage does not reach. */
export function stageRefusal(stage: Exclude<StaffStage, 'full'>): AppError {
  return stage === 'second-factor'
    ? new AppError('second_factor_required', SECOND_FACTOR_REQUIRED)
    : new AppError('totp_setup_required', TOTP_SETUP_REQUIRED);
}

function wrongCode(): AppError {
  return new AppError('invalid_input', WRONG_CODE, { code: WRONG_CODE });
}

/** Whether any school of this person requires TOTP: the secret is per person, across schools. */
async function requiredFor(context: AppContext, email: string): Promise<boolean> {
  return (await schoolsOfPerson(context.db, email)).schools.some((school) => school.requireTotp === true);
}

export interface SecondFactorStatus {
  stage: StaffStage;
  enabled: boolean;
  required: boolean;
  /** Recovery codes not used yet (0 while TOTP is off). */
  recoveryCodesLeft: number;
  csrfToken: string;
}

export async function secondFactorStatus(context: AppContext, principal: StaffPrincipal): Promise<SecondFactorStatus> {
  const row = await findTotp(context.db, principal.member.email);
  return {
    stage: principal.stage,
    enabled: !!row?.enabled_at,
    required: await requiredFor(context, principal.member.email),
    recoveryCodesLeft: row?.enabled_at ? await countUnusedRecoveryCodes(context.db, principal.member.email) : 0,
    csrfToken: principal.csrfToken,
  };
}

export interface TotpSetup {
  /** Base32, as authenticator apps take it. */
  secret: string;
  /** The same in groups of four, for typing. */
  secretGroups: string;
  uri: string;
  /** The URI as a QR code (an SVG data URL) for the app's camera. */
  qrCode: string;
}

/** Draws a new secret for this person; it is stored encrypted and turned on only by enableSecondFactor. */
export async function beginTotpSetup(context: AppContext, principal: StaffPrincipal): Promise<TotpSetup> {
  requireFreshLogin(context, principal);
  const email = principal.member.email;
  const secret = randomBytes(TOTP_SECRET_BYTES);
  const saved = await savePendingTotp(context.db, {
    email,
    sealed: context.totpBox.seal(secret, email),
    createdAt: context.now().toISOString(),
  });
  if (!saved) throw new AppError('conflict', ALREADY_ON);
  const base32 = base32Encode(secret);
  const uri = otpauthUri(base32, email);
  return { secret: base32, secretGroups: groupSecret(base32), uri, qrCode: await qrCodeDataUrl(uri) };
}

/**
 * A wrong code counts against the session, whatever it was for (the login, turning TOTP on or
 * off); after STAFF_TOTP_MAX_FAILURES the session ends and only a new login link helps.
 */
async function refuseCode(context: AppContext, principal: StaffPrincipal): Promise<never> {
  const failures = await countSecondFactorFailure(context.db, principal.sessionId);
  if (failures < STAFF_TOTP_MAX_FAILURES) throw wrongCode();
  await runTransaction(context.db, async (trx) => {
    await deleteSession(trx, principal.sessionId);
    await audit(trx, {
      school: principal.school.slug,
      member: principal.member,
      action: 'totp.lockout',
      detail: `${failures} verkeerde codes`,
      at: context.now(),
    });
  });
  throw new SessionDropped(TOO_MANY_WRONG_CODES);
}

/**
 * Turns TOTP on once the person shows a valid code for the new secret; their other sessions end.
 * Returns the recovery codes: shown this once, stored only as keyed hashes.
 */
export async function enableSecondFactor(context: AppContext, principal: StaffPrincipal, code: string): Promise<string[]> {
  requireFreshLogin(context, principal);
  const email = principal.member.email;
  const row = await findTotp(context.db, email);
  if (row?.enabled_at) throw new AppError('conflict', ALREADY_ON);
  if (!row) throw new AppError('conflict', NO_SETUP);
  const now = context.now();
  const step = matchTotp(context.totpBox.open(row.secret_sealed, email), code, now, null);
  if (step === null) return refuseCode(context, principal);
  const recoveryCodes = drawRecoveryCodes();
  await runTransaction(context.db, async (trx) => {
    if (!(await enableTotp(trx, { email, sealed: row.secret_sealed, step, at: now.toISOString() }))) {
      throw new AppError('conflict', NO_SETUP);
    }
    const hashes = recoveryCodes.map((shown) => hashRecoveryCode(context.keyedHash, email, normalizeRecoveryCode(shown)!));
    await replaceRecoveryCodes(trx, email, hashes);
    const ended = await deleteOtherSessionsOfEmail(trx, email, principal.sessionId);
    await audit(trx, {
      school: principal.school.slug,
      member: principal.member,
      action: 'totp.enable',
      detail: ended > 0 ? `${ended} andere sessie(s) beëindigd` : null,
      at: now,
    });
    await queueChangeMail(context, trx, principal.school.slug, principal.member, { change: 'enabled' });
  });
  return recoveryCodes;
}

/** Checks a code against the person's enabled secret and uses up its time step; false for a wrong or replayed code. */
async function acceptTotp(context: AppContext, db: Db, email: string, code: string): Promise<boolean> {
  const row = await findTotp(db, email);
  if (!row?.enabled_at) return false;
  const step = matchTotp(context.totpBox.open(row.secret_sealed, email), code, context.now(), row.last_step);
  return step !== null && (await useTotpStep(db, email, step));
}

/** Uses up a recovery code of this person; false for an unknown or used one. */
async function acceptRecoveryCode(context: AppContext, trx: Db, email: string, code: string): Promise<boolean> {
  return useRecoveryCode(trx, email, hashRecoveryCode(context.keyedHash, email, code), context.now().toISOString());
}

/**
 * The code after the login link: from the app, or a recovery code (which is used up, audited and
 * mailed to the owner). A wrong or replayed one counts against the session (refuseCode).
 */
export async function verifySecondFactor(
  context: AppContext,
  principal: StaffPrincipal,
  code: SecondFactorCode,
): Promise<StaffPrincipal> {
  if (principal.stage !== 'second-factor') return principal;
  const email = principal.member.email;
  if (code.kind === 'totp') {
    if (!(await acceptTotp(context, context.db, email, code.code))) return refuseCode(context, principal);
    await completeSecondFactor(context.db, principal.sessionId);
    return { ...principal, stage: 'full' };
  }
  const accepted = await runTransaction(context.db, async (trx) => {
    if (!(await acceptRecoveryCode(context, trx, email, code.code))) return false;
    await completeSecondFactor(trx, principal.sessionId);
    const left = await countUnusedRecoveryCodes(trx, email);
    await audit(trx, {
      school: principal.school.slug,
      member: principal.member,
      action: 'totp.recovery_code',
      detail: `nog ${left} herstelcode(s)`,
      at: context.now(),
    });
    await queueChangeMail(context, trx, principal.school.slug, principal.member, { change: 'recovery-code-used', recoveryCodesLeft: left });
    return true;
  });
  if (!accepted) return refuseCode(context, principal);
  return { ...principal, stage: 'full' };
}

/** A 401 after which the cookie is useless: the route clears it. */
export class SessionDropped extends AppError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

/** Turns TOTP off with a code from the app or a recovery code, from a fresh login; mailed to the owner. */
export async function disableSecondFactor(context: AppContext, principal: StaffPrincipal, code: SecondFactorCode): Promise<void> {
  requireFreshLogin(context, principal);
  const email = principal.member.email;
  if (await requiredFor(context, email)) throw new AppError('forbidden', REQUIRED_BY_SCHOOL);
  const row = await findTotp(context.db, email);
  if (!row?.enabled_at) throw new AppError('conflict', NOT_ON);
  const turnedOff = await runTransaction(context.db, async (trx) => {
    const accepted =
      code.kind === 'totp' ? await acceptTotp(context, trx, email, code.code) : await acceptRecoveryCode(context, trx, email, code.code);
    if (!accepted) return false;
    await deleteTotp(trx, email);
    await audit(trx, { school: principal.school.slug, member: principal.member, action: 'totp.disable', at: context.now() });
    await queueChangeMail(context, trx, principal.school.slug, principal.member, { change: 'disabled' });
    return true;
  });
  if (!turnedOff) return refuseCode(context, principal);
}

export interface ColleagueSecondFactor {
  name: string;
  email: string;
  enabled: boolean;
}

function requireDirector(principal: StaffPrincipal): void {
  if (!canReadAudit(principal.member)) throw new AppError('forbidden', DIRECTOR_ONLY);
}

/** For the directeur: the school's other portal users and whether each has TOTP on. */
export async function listColleagueSecondFactors(context: AppContext, principal: StaffPrincipal): Promise<ColleagueSecondFactor[]> {
  requireDirector(principal);
  const colleagues = staffMembersOf(principal.school).filter((member) => member.email !== principal.member.email);
  const enabled = await emailsWithEnabledTotp(
    context.db,
    colleagues.map((member) => member.email),
  );
  return colleagues.map((member) => ({ name: member.name, email: member.email, enabled: enabled.has(member.email) }));
}

/**
 * The directeur unhooks the authenticator app of a colleague who lost their phone: the secret and
 * recovery codes go, every session of the colleague ends, and the colleague is mailed. Their next
 * login is by link alone (or, at a school that requires TOTP, straight to setting it up again).
 */
export async function resetColleagueSecondFactor(context: AppContext, principal: StaffPrincipal, email: string): Promise<void> {
  requireDirector(principal);
  requireFreshLogin(context, principal);
  if (email === principal.member.email) throw new AppError('forbidden', NOT_YOURSELF, { email: NOT_YOURSELF });
  const colleague = staffMemberOf(principal.school, email);
  if (!colleague) throw new AppError('not_found', NOT_A_COLLEAGUE, { email: NOT_A_COLLEAGUE });
  await runTransaction(context.db, async (trx) => {
    const row = await findTotp(trx, colleague.email);
    if (!row?.enabled_at) throw new AppError('conflict', COLLEAGUE_NOT_ON, { email: COLLEAGUE_NOT_ON });
    await deleteTotp(trx, colleague.email);
    const ended = await deleteSessionsOfEmail(trx, colleague.email);
    await audit(trx, {
      school: principal.school.slug,
      member: principal.member,
      action: 'totp.reset',
      detail: `${colleague.name}; ${ended} sessie(s) beëindigd`,
      at: context.now(),
    });
    await queueChangeMail(context, trx, principal.school.slug, colleague, { change: 'reset', actorName: principal.member.name });
  });
}
