// The optional second factor of the staff portal: a TOTP code (RFC 6238) from an authenticator app,
// asked after the login link. Per person; a school can require it of all its portal users.
import { randomBytes } from 'node:crypto';
import {
  completeSecondFactor,
  countSecondFactorFailure,
  deleteOtherSessionsOfEmail,
  deleteTotp,
  enableTotp,
  findTotp,
  savePendingTotp,
  useTotpStep,
} from '../../db/queries/staff-totp.js';
import { deleteSession } from '../../db/queries/staff-auth.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { STAFF_TOTP_MAX_FAILURES, TOTP_SECRET_BYTES } from '../shared/limits.js';
import { audit } from '../audit/audit.js';
import type { StaffStage } from '../shared/staff-session.js';
import { schoolsOfStaff, type StaffPrincipal } from './staff-identity.js';
import { base32Encode, groupSecret, matchTotp, otpauthUri } from './totp.js';

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
  return (await schoolsOfStaff(context.db, email)).some((school) => school.requireTotp === true);
}

export interface SecondFactorStatus {
  stage: StaffStage;
  enabled: boolean;
  required: boolean;
  csrfToken: string;
}

export async function secondFactorStatus(context: AppContext, principal: StaffPrincipal): Promise<SecondFactorStatus> {
  const row = await findTotp(context.db, principal.member.email);
  return {
    stage: principal.stage,
    enabled: !!row?.enabled_at,
    required: await requiredFor(context, principal.member.email),
    csrfToken: principal.csrfToken,
  };
}

export interface TotpSetup {
  /** Base32, as authenticator apps take it. */
  secret: string;
  /** The same in groups of four, for typing. */
  secretGroups: string;
  uri: string;
}

/** Draws a new secret for this person; it is stored encrypted and turned on only by enableSecondFactor. */
export async function beginTotpSetup(context: AppContext, principal: StaffPrincipal): Promise<TotpSetup> {
  const email = principal.member.email;
  const secret = randomBytes(TOTP_SECRET_BYTES);
  const saved = await savePendingTotp(context.db, {
    email,
    sealed: context.totpBox.seal(secret, email),
    createdAt: context.now().toISOString(),
  });
  if (!saved) throw new AppError('conflict', ALREADY_ON);
  const base32 = base32Encode(secret);
  return { secret: base32, secretGroups: groupSecret(base32), uri: otpauthUri(base32, email) };
}

/** Turns TOTP on once the person shows a valid code for the new secret; their other sessions end. */
export async function enableSecondFactor(context: AppContext, principal: StaffPrincipal, code: string): Promise<void> {
  const email = principal.member.email;
  const row = await findTotp(context.db, email);
  if (row?.enabled_at) throw new AppError('conflict', ALREADY_ON);
  if (!row) throw new AppError('conflict', NO_SETUP);
  const now = context.now();
  const step = matchTotp(context.totpBox.open(row.secret_sealed, email), code, now, null);
  if (step === null) throw wrongCode();
  await context.db.transaction().execute(async (trx) => {
    if (!(await enableTotp(trx, { email, sealed: row.secret_sealed, step, at: now.toISOString() }))) {
      throw new AppError('conflict', NO_SETUP);
    }
    const ended = await deleteOtherSessionsOfEmail(trx, email, principal.sessionId);
    await audit(trx, {
      school: principal.school.slug,
      member: principal.member,
      action: 'totp.enable',
      detail: ended > 0 ? `${ended} andere sessie(s) beëindigd` : null,
      at: now,
    });
  });
}

/** Checks a code against the person's enabled secret and uses up its time step; false for a wrong or replayed code. */
async function acceptCode(context: AppContext, email: string, code: string): Promise<boolean> {
  const row = await findTotp(context.db, email);
  if (!row?.enabled_at) return false;
  const step = matchTotp(context.totpBox.open(row.secret_sealed, email), code, context.now(), row.last_step);
  return step !== null && (await useTotpStep(context.db, email, step));
}

/**
 * The code after the login link. A wrong or replayed one counts against the session; after
 * STAFF_TOTP_MAX_FAILURES the session ends ({ ended: true } in the error's handling) and only a
 * new login link helps.
 */
export async function verifySecondFactor(context: AppContext, principal: StaffPrincipal, code: string): Promise<StaffPrincipal> {
  if (principal.stage !== 'second-factor') return principal;
  const email = principal.member.email;
  if (await acceptCode(context, email, code)) {
    await completeSecondFactor(context.db, principal.sessionId);
    return { ...principal, stage: 'full' };
  }
  const failures = await countSecondFactorFailure(context.db, principal.sessionId);
  if (failures >= STAFF_TOTP_MAX_FAILURES) {
    await context.db.transaction().execute(async (trx) => {
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
  throw wrongCode();
}

/** A 401 after which the cookie is useless: the route clears it. */
export class SessionDropped extends AppError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

export async function disableSecondFactor(context: AppContext, principal: StaffPrincipal, code: string): Promise<void> {
  const email = principal.member.email;
  if (await requiredFor(context, email)) throw new AppError('forbidden', REQUIRED_BY_SCHOOL);
  const row = await findTotp(context.db, email);
  if (!row?.enabled_at) throw new AppError('conflict', NOT_ON);
  if (!(await acceptCode(context, email, code))) throw wrongCode();
  await context.db.transaction().execute(async (trx) => {
    await deleteTotp(trx, email);
    await audit(trx, { school: principal.school.slug, member: principal.member, action: 'totp.disable', at: context.now() });
  });
}
