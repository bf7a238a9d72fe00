import {
  deleteSession,
  deleteSessionsOfEmail,
  findSessionByTokenHash,
  insertSession,
  setSessionSchool,
  touchSession,
} from '../../db/queries/staff-auth.js';
import { hasEnabledTotp, markSessionPendingSecondFactor } from '../../db/queries/staff-totp.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { findSchool } from '../schools/school-directory.js';
import { STAFF_SESSION_IDLE_MS, STAFF_SESSION_MAX_AGE_MS, STAFF_SESSION_TOUCH_MS } from '../shared/limits.js';
import { audit } from '../audit/audit.js';
import { redeemLoginLink } from './login-links.js';
import type { StaffStage } from '../shared/staff-session.js';
import { allowsSignIn, staffMemberOf, type StaffPrincipal } from './staff-identity.js';
import { personAt, schoolsOfPerson } from './teacher-identity.js';
import { hashToken, newToken } from './tokens.js';
import { runTransaction } from '../../db/transaction.js';

const NOT_LOGGED_IN = 'Je bent niet ingelogd. Vraag een inloglink aan.';
const SESSION_ENDED = 'Je bent uitgelogd omdat je een tijd niets hebt gedaan. Vraag een nieuwe inloglink aan.';
const NOT_STAFF = 'Je hebt geen toegang meer tot het portaal van deze school.';
const LINKS_OFF = 'Bij deze school log je in met je schoolaccount, niet met een inloglink.';

/**
 * Where a session stands on the clock, a staff member's or a board admin's alike: ended (idle too
 * long, or too old), due to have its last-seen time written again, or fresh.
 */
export function sessionAge(session: { created_at: string; last_seen_at: string }, now: number): 'ended' | 'touch' | 'fresh' {
  const idleFor = now - Date.parse(session.last_seen_at);
  if (idleFor > STAFF_SESSION_IDLE_MS || now - Date.parse(session.created_at) > STAFF_SESSION_MAX_AGE_MS) return 'ended';
  return idleFor >= STAFF_SESSION_TOUCH_MS ? 'touch' : 'fresh';
}

export interface SessionCookie {
  name: string;
  secure: boolean;
}

/**
 * Over https the cookie gets the __Host- prefix: the browser then insists on Secure, Path=/ and no
 * Domain, so no other host or path can plant or read it.
 */
export function sessionCookie(config: Config): SessionCookie {
  const secure = config.publicUrl.startsWith('https:');
  return { name: secure ? '__Host-klikvrij-staff' : 'klikvrij-staff', secure };
}

export function unauthorized(message = NOT_LOGGED_IN): AppError {
  return new AppError('unauthorized', message);
}

/** How a person proved who they are; `providerMfa` when the OpenID provider said MFA was used. */
export interface SignIn {
  via: 'link' | 'oidc';
  providerMfa: boolean;
}

/** Turns a login link into a session for one school (the first the person belongs to unless they chose). */
export async function startSession(
  context: AppContext,
  loginToken: string,
  schoolSlug: string | undefined,
): Promise<{ sessionToken: string; principal: StaffPrincipal }> {
  const email = await redeemLoginLink(context, loginToken);
  return openSession(context, email, schoolSlug, { via: 'link', providerMfa: false });
}

/**
 * Opens a session for a person already identified (by login link or by the OpenID provider). MFA
 * at the provider stands in for the portal's TOTP step; otherwise the school's TOTP rule applies.
 */
export async function openSession(
  context: AppContext,
  email: string,
  schoolSlug: string | undefined,
  signIn: SignIn,
): Promise<{ sessionToken: string; principal: StaffPrincipal }> {
  const { kind, schools: everywhere } = await schoolsOfPerson(context.db, email);
  const schools = everywhere.filter((candidate) => allowsSignIn(candidate, signIn.via));
  const school = schools.find((candidate) => candidate.slug === schoolSlug) ?? schools[0];
  const person = school ? await personAt(context.db, school, email, kind) : undefined;
  if (!school || !person) throw unauthorized(everywhere.length > 0 ? LINKS_OFF : NOT_STAFF);
  const { member } = person;

  const now = context.now();
  const sessionToken = newToken();
  const csrfToken = newToken();
  const { sessionId, stage } = await runTransaction(context.db, async (trx) => {
    const id = await insertSession(trx, {
      tokenHash: hashToken(sessionToken),
      email,
      school: school.slug,
      csrfToken,
      now: now.toISOString(),
      signedInWith: signIn.via,
      providerMfa: signIn.providerMfa,
      personKind: kind,
    });
    // With TOTP on, the link alone opens nothing yet: the session waits for a code.
    const totpOn = !signIn.providerMfa && (await hasEnabledTotp(trx, email));
    if (totpOn) await markSessionPendingSecondFactor(trx, id);
    const detail = signIn.via === 'oidc' ? `OpenID Connect${signIn.providerMfa ? ', MFA bij de aanbieder' : ''}` : undefined;
    await audit(trx, { school: school.slug, member, action: 'login', detail, at: now });
    const stage: StaffStage = signIn.providerMfa ? 'full' : totpOn ? 'second-factor' : school.requireTotp ? 'totp-setup' : 'full';
    return { sessionId: id, stage };
  });
  return {
    sessionToken,
    principal: {
      sessionId,
      kind,
      teacherId: person.teacherId,
      member,
      school,
      csrfToken,
      stage,
      signedInWith: signIn.via,
      signedInAt: now.toISOString(),
    },
  };
}

/**
 * The session behind a cookie, checked against the clock and against today's contact table: a
 * person removed from the table loses access at their next request.
 */
export async function authenticate(context: AppContext, sessionToken: string | undefined): Promise<StaffPrincipal> {
  if (!sessionToken) throw unauthorized();
  const session = await findSessionByTokenHash(context.db, hashToken(sessionToken));
  if (!session) throw unauthorized();
  const now = context.now().getTime();
  const age = sessionAge(session, now);
  if (age === 'ended') {
    await deleteSession(context.db, session.id);
    throw unauthorized(SESSION_ENDED);
  }
  const school = await findSchool(context.db, session.school);
  // The session says what kind of person it is; a teacher never becomes a contact mid-session, nor back.
  const kind = session.person_kind === 'teacher' ? 'teacher' : 'contact';
  const person = school ? await personAt(context.db, school, session.email, kind) : undefined;
  if (!school || !person) {
    await deleteSession(context.db, session.id);
    throw unauthorized(NOT_STAFF);
  }
  const signedInWith = session.signed_in_with === 'oidc' ? 'oidc' : 'link';
  if (!allowsSignIn(school, signedInWith)) {
    await deleteSession(context.db, session.id);
    throw unauthorized(LINKS_OFF);
  }
  if (age === 'touch') await touchSession(context.db, session.id, new Date(now).toISOString());
  const stage: StaffStage = session.pending_second_factor
    ? 'second-factor'
    : !session.provider_mfa && school.requireTotp && !(await hasEnabledTotp(context.db, session.email))
      ? 'totp-setup'
      : 'full';
  return {
    sessionId: session.id,
    kind,
    teacherId: person.teacherId,
    member: person.member,
    school,
    csrfToken: session.csrf_token,
    stage,
    signedInWith,
    signedInAt: session.created_at,
  };
}

export async function endSession(context: AppContext, principal: StaffPrincipal): Promise<void> {
  await runTransaction(context.db, async (trx) => {
    await deleteSession(trx, principal.sessionId);
    await audit(trx, { school: principal.school.slug, member: principal.member, action: 'logout', at: context.now() });
  });
}

/** Ends every session of this person, in every school and on every device. */
export async function endAllSessions(context: AppContext, principal: StaffPrincipal): Promise<number> {
  return runTransaction(context.db, async (trx) => {
    const ended = await deleteSessionsOfEmail(trx, principal.member.email);
    await audit(trx, {
      school: principal.school.slug,
      member: principal.member,
      action: 'logout_everywhere',
      detail: `${ended} sessie(s) beëindigd`,
      at: context.now(),
    });
    return ended;
  });
}

export async function switchSchool(context: AppContext, principal: StaffPrincipal, slug: string): Promise<StaffPrincipal> {
  const school = await findSchool(context.db, slug);
  const member = school ? staffMemberOf(school, principal.member.email) : undefined;
  // Not a member looks the same as no such school.
  if (!school || !member) throw new AppError('forbidden', 'Je hebt geen toegang tot deze school.', { school: 'Kies een van je eigen scholen.' });
  if (!allowsSignIn(school, principal.signedInWith)) throw new AppError('forbidden', LINKS_OFF, { school: LINKS_OFF });
  await runTransaction(context.db, async (trx) => {
    await setSessionSchool(trx, principal.sessionId, school.slug);
    await audit(trx, { school: school.slug, member, action: 'switch_school', at: context.now() });
  });
  return { ...principal, member, school };
}
