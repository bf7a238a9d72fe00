import { countOpenCasesOf, handOverOpenCases } from '../../db/queries/reports.js';
import { deleteSessionsOfEmailAtSchool } from '../../db/queries/staff-auth.js';
import { endContact, findContact, insertContact, listActiveContacts, listAllContacts, listUnendedContacts, updateContact } from '../../db/queries/school-contacts.js';
import { findSchoolRow, listSchoolRows, updateSchool } from '../../db/queries/schools.js';
import type { SchoolContactRow, SchoolRow } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { ContactRole } from '../shared/contact-roles.js';
import { handlesCases } from '../shared/protocol.js';
import { missingRequiredRole, sameSchoolName, type Contact, type School } from '../schools/schools-file.js';
import { schoolCalendar } from '../schools/school-calendar.js';
import { CONTACT_ROLE_LABELS, type HolidayRegion } from '../shared/board-values.js';
import { tellSchool } from './tell-school.js';
import type { SchoolYearStatus } from '../shared/board-responses.js';
import { nextSchoolYear, recordSchoolYearConfirmation, schoolYearStatus, schoolYearStatuses } from '../schools/school-years.js';
import type { BoardAdminMember } from './board-admins.js';
import { auditBoard } from './board-audit.js';
import { storeNewSchool } from './store-school.js';
import type { BoardContact, BoardSchool, BoardSchoolsResponse, SchoolChange } from './board-schema.js';
import { runTransaction } from '../../db/transaction.js';

// What a board admin may do with schools and contact tables. Each change and its audit row are
// one transaction; nothing here reads or returns anything of a report.

const NO_SUCH_SCHOOL = 'Deze school bestaat niet.';
const NO_SUCH_CONTACT = 'Deze contactpersoon staat niet in de tabel van deze school.';

/** The school's own form address; reports sent from it go to this school's table. */
export function formUrl(context: AppContext, slug: string): string {
  return `${context.config.publicUrl}/school/${slug}`;
}

const rolesOf = (row: SchoolContactRow): ContactRole[] => JSON.parse(row.roles) as ContactRole[];

function toBoardContact(row: SchoolContactRow): BoardContact {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: rolesOf(row),
    note: row.note,
    addedAt: row.added_at,
    endedAt: row.ended_at,
    joinsSchoolYear: row.joins_school_year,
  };
}

/**
 * The roles a table may lack and still take reports (it must keep an anti-pestcoördinator and a
 * vertrouwenspersoon), but then a mail of the protocol, or a part of the portal, reaches nobody:
 * the board is told so on the school's page rather than finding out when it matters.
 */
function tableWarnings(active: ReadonlyArray<{ roles: readonly ContactRole[] }>): string[] {
  const has = (role: ContactRole) => active.some((contact) => contact.roles.includes(role));
  const warnings: string[] = [];
  if (!has('directeur')) {
    warnings.push(
      has('mt')
        ? 'Er staat geen directeur in de tabel: bij stap 6 krijgt niemand een mail, en in het portaal leest niemand het logboek of houdt de leerkrachten bij.'
        : 'Er staat geen directeur of MT-lid in de tabel: bij stap 3a, 4 en 6 krijgt niemand een mail, en in het portaal leest niemand het logboek of houdt de leerkrachten bij.',
    );
  }
  if (!has('ib')) warnings.push("Er staat geen IB'er in de tabel: niemand krijgt bericht als een melding pesten is. Het protocol zegt dat de IB'er dat altijd hoort.");
  if (!has('aandachtsfunctionaris')) {
    warnings.push('Er staat geen aandachtsfunctionaris in de tabel: markeert iemand een melding voor de Meldcode huiselijk geweld en kindermishandeling, dan krijgt niemand een mail.');
  }
  return warnings;
}

async function toBoardSchool(context: AppContext, row: SchoolRow, schoolYear: SchoolYearStatus): Promise<BoardSchool> {
  const contacts = await listAllContacts(context.db, row.slug);
  const active = contacts.filter((contact) => contact.ended_at === null && contact.joins_school_year === null);
  return {
    slug: row.slug,
    name: row.name,
    isDefault: row.is_default === 1,
    fullNotificationMail: row.full_notification_mail === 1,
    requireTotp: row.require_totp === 1,
    retentionMonths: row.retention_months,
    loginLink: row.login_link === 1,
    formUrl: formUrl(context, row.slug),
    contacts: contacts.map(toBoardContact),
    warnings: tableWarnings(active.map((contact) => ({ roles: rolesOf(contact) }))),
    ...(await schoolCalendar(context.db, { slug: row.slug, holidayRegion: row.holiday_region as HolidayRegion | null }, context.now())),
    schoolYear,
  };
}

export async function listBoardSchools(context: AppContext): Promise<BoardSchoolsResponse> {
  const rows = await listSchoolRows(context.db);
  const years = await schoolYearStatuses(context.db, rows, context.now());
  const schools = await Promise.all(rows.map((row) => toBoardSchool(context, row, years.get(row.slug)!)));
  return { defaultRetentionMonths: context.config.retentionMonths, schools };
}

/** One school as the board admin sees it, after a change. */
export async function boardSchool(context: AppContext, slug: string): Promise<BoardSchool> {
  const row = await findSchoolRow(context.db, slug);
  if (!row) throw new AppError('not_found', NO_SUCH_SCHOOL);
  const year = await schoolYearStatus(context.db, row, context.now());
  return toBoardSchool(context, row, year);
}

/**
 * The admin confirms that the school's contact table is right for the school year to confirm now
 * (next year's in July, the current one after): who and when go into the audit log.
 */
export async function confirmSchoolTable(context: AppContext, actor: BoardAdminMember, slug: string): Promise<BoardSchool> {
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    if (!(await findSchoolRow(trx, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
    const year = await recordSchoolYearConfirmation(trx, slug, actor, now);
    await auditBoard(trx, { school: slug, actor, action: 'board.schoolyear.confirm', detail: `contacttabel ${year.name} bevestigd`, at: now });
  });
  return boardSchool(context, slug);
}

const onOff = (value: boolean) => (value ? 'aan' : 'uit');

function describeOptions(options: Omit<SchoolChange, 'name'>): string {
  return [
    `volledige meldingsmail ${onOff(options.fullNotificationMail)}`,
    `TOTP verplicht ${onOff(options.requireTotp)}`,
    `bewaren ${options.retentionMonths === null ? 'standaard' : `${options.retentionMonths} maanden`}`,
    `vakantieregio ${options.holidayRegion ?? 'geen'}`,
    `inloglink ${onOff(options.loginLink)}`,
  ].join(', ');
}

const describeContact = (contact: Pick<Contact, 'name' | 'email' | 'roles'>) => `${contact.name} <${contact.email}>: ${contact.roles.join(', ')}`;

function addressTaken(active: readonly SchoolContactRow[], email: string, exceptId?: number): boolean {
  const address = email.toLowerCase();
  return active.some((row) => row.id !== exceptId && row.email.toLowerCase() === address);
}

const ADDRESS_TAKEN = 'Dit adres staat al in de tabel van deze school. Geef die persoon daar een extra rol.';

const NO_WAY_IN =
  'Zonder inloglink kan het personeel alleen inloggen met het schoolaccount, en dat is op deze server niet ingesteld. Laat de inloglink aan.';

/** A school without login links needs the school account (OIDC_ISSUER), or its staff could not sign in at all. */
function keepsAWayIn(context: AppContext, options: Pick<SchoolChange, 'loginLink'>): void {
  if (!options.loginLink && !context.config.oidc) throw new AppError('invalid_input', NO_WAY_IN, { loginLink: NO_WAY_IN });
}

async function nameIsFree(trx: AppContext['db'], name: string, slug: string): Promise<void> {
  const other = (await listSchoolRows(trx)).find((row) => row.slug !== slug && sameSchoolName(row.name, name));
  if (!other) return;
  const taken = `Er is al een school met deze naam (adres ${other.slug}). Maak de naam anders, bijvoorbeeld met de plaats erbij.`;
  throw new AppError('conflict', taken, { name: taken });
}

export async function addSchool(context: AppContext, actor: BoardAdminMember, school: School): Promise<BoardSchool> {
  keepsAWayIn(context, school);
  const now = context.now();
  const emails = school.contacts.map((contact) => contact.email.toLowerCase());
  if (new Set(emails).size !== emails.length) throw new AppError('invalid_input', ADDRESS_TAKEN, { contacts: ADDRESS_TAKEN });
  await runTransaction(context.db, async (trx) => {
    if (await findSchoolRow(trx, school.slug)) {
      throw new AppError('conflict', 'Er is al een school met dit adres.', { slug: 'Er is al een school met dit adres. Kies een ander.' });
    }
    await nameIsFree(trx, school.name, school.slug);
    await storeNewSchool(trx, school, { isDefault: false, at: now });
    await auditBoard(trx, {
      school: school.slug,
      actor,
      action: 'board.school.add',
      detail: `${school.name}; ${describeOptions(school)}; ${school.contacts.map(describeContact).join('; ')}`,
      at: now,
    });
  });
  return boardSchool(context, school.slug);
}

export async function changeSchool(context: AppContext, actor: BoardAdminMember, slug: string, change: SchoolChange): Promise<BoardSchool> {
  keepsAWayIn(context, change);
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    const row = await findSchoolRow(trx, slug);
    if (!row) throw new AppError('not_found', NO_SUCH_SCHOOL);
    // Only a new name is checked: a school that shares its name with one added before names had to differ keeps working.
    if (!sameSchoolName(row.name, change.name)) await nameIsFree(trx, change.name, slug);
    await updateSchool(trx, slug, {
      name: change.name,
      full_notification_mail: change.fullNotificationMail ? 1 : 0,
      require_totp: change.requireTotp ? 1 : 0,
      retention_months: change.retentionMonths,
      holiday_region: change.holidayRegion,
      login_link: change.loginLink ? 1 : 0,
    });
    await auditBoard(trx, { school: slug, actor, action: 'board.school.change', detail: `${change.name}; ${describeOptions(change)}`, at: now });
  });
  return boardSchool(context, slug);
}

const roleLabels = (roles: readonly ContactRole[]) => roles.map((role) => CONTACT_ROLE_LABELS[role]).join(', ');

/** The school's table after a change must still reach someone: an APC and a VP stay in it. */
function keepsRequiredRoles(active: ReadonlyArray<{ roles: readonly ContactRole[] }>): void {
  const missing = missingRequiredRole(active);
  if (missing) throw new AppError('invalid_input', missing, { roles: missing });
}

/**
 * Adds a contact to the table now or, `forNextSchoolYear`, from next school year's 1 August: a
 * board prepares next year's table without changing this year's (the maintenance job takes them in).
 */
export async function addContact(
  context: AppContext,
  actor: BoardAdminMember,
  slug: string,
  contact: Contact,
  forNextSchoolYear = false,
): Promise<BoardSchool> {
  const now = context.now();
  const joins = forNextSchoolYear ? nextSchoolYear(now).name : null;
  await runTransaction(context.db, async (trx) => {
    if (!(await findSchoolRow(trx, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
    if (addressTaken(await listUnendedContacts(trx, slug), contact.email)) {
      throw new AppError('conflict', ADDRESS_TAKEN, { email: ADDRESS_TAKEN });
    }
    const before = await listActiveContacts(trx, slug);
    await insertContact(trx, slug, { ...contact, note: contact.note ?? null }, now.toISOString(), joins);
    const from = joins ? `; vanaf schooljaar ${joins}` : '';
    await auditBoard(trx, { school: slug, actor, action: 'board.contact.add', detail: `${describeContact(contact)}${from}`, at: now });
    const added = `${contact.name} <${contact.email}> toegevoegd als ${roleLabels(contact.roles)}${joins ? `, vanaf schooljaar ${joins}` : ''}`;
    await tellSchool(context, trx, { slug, actor, before, now }, added);
  });
  return boardSchool(context, slug);
}

/**
 * Runs `change` in one transaction on contact `id`, who must still be in the school's table, with
 * the school's active contacts as they are before it; answers the school as it is afterwards.
 */
async function changeActiveContact(
  context: AppContext,
  slug: string,
  id: number,
  change: (trx: AppContext['db'], before: SchoolContactRow, active: SchoolContactRow[], now: Date) => Promise<void>,
): Promise<BoardSchool> {
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    if (!(await findSchoolRow(trx, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
    const before = await findContact(trx, slug, id);
    if (!before) throw new AppError('not_found', NO_SUCH_CONTACT);
    if (before.ended_at !== null) throw new AppError('conflict', 'Deze contactpersoon is al gestopt. Voeg de persoon opnieuw toe.');
    await change(trx, before, await listActiveContacts(trx, slug), now);
  });
  return boardSchool(context, slug);
}

/**
 * Changes a contact's name, address, roles or note. Their sessions at this school end whenever
 * their address changes or they lose roles: the portal then asks for a new login with what they
 * may do now.
 */
export async function changeContact(
  context: AppContext,
  actor: BoardAdminMember,
  slug: string,
  id: number,
  contact: Contact,
  handOverTo?: number,
): Promise<BoardSchool> {
  return changeActiveContact(context, slug, id, async (trx, before, active, now) => {
    if (addressTaken(await listUnendedContacts(trx, slug), contact.email, id)) throw new AppError('conflict', ADDRESS_TAKEN, { email: ADDRESS_TAKEN });
    keepsRequiredRoles(active.map((row) => ({ roles: row.id === id ? contact.roles : rolesOf(row) })));
    // Open cases the new roles no longer let them open go to a colleague first, asked like an end.
    // The aandachtsfunctionaris alone opens only the Meldcode's cases: no case of theirs could stay with them.
    const usesPortal = contact.roles.some(handlesCases);
    const which = !usesPortal ? 'all' : contact.roles.includes('vertrouwenspersoon') ? undefined : 'confidential';
    let handedOver = which ? await handOverCasesOf(trx, slug, before, active, handOverTo, which) : '';
    const oldEmail = before.email.toLowerCase();
    const newEmail = contact.email.toLowerCase();
    // The same person at a new address: the cases they still may handle follow them.
    if (usesPortal && oldEmail !== newEmail) {
      const moved = await handOverOpenCases(trx, slug, oldEmail, newEmail);
      if (moved > 0) handedOver += `; ${moved} open melding(en) mee naar het nieuwe adres`;
    }
    await updateContact(trx, id, { ...contact, note: contact.note ?? null });
    const lostRoles = rolesOf(before).some((role) => !contact.roles.includes(role));
    if (lostRoles || oldEmail !== newEmail) await deleteSessionsOfEmailAtSchool(trx, oldEmail, slug);
    const gained = contact.roles.filter((role) => !rolesOf(before).includes(role));
    const changes = [
      ...(oldEmail !== newEmail ? [`het e-mailadres van ${before.name} is nu <${contact.email}> (was <${before.email}>)`] : []),
      ...(gained.length > 0 ? [`${contact.name} heeft er de rol ${roleLabels(gained)} bij`] : []),
    ];
    if (changes.length > 0) {
      const oldAddress = oldEmail !== newEmail ? { name: before.name, email: before.email } : undefined;
      await tellSchool(context, trx, { slug, actor, before: active, now }, changes.join('; '), oldAddress);
    }
    await auditBoard(trx, {
      school: slug,
      actor,
      action: 'board.contact.change',
      detail: `${describeContact({ ...before, roles: rolesOf(before) })} → ${describeContact(contact)}${handedOver}`,
      at: now,
    });
  });
}


/**
 * Hands the open cases `leaving` handles (all, or those for the vertrouwenspersoon only) to the
 * contact `handOverTo`, in the caller's transaction. Without one the change is refused with how many
 * there are, so no case is ever left without a handler; the successor must be able to open them (a
 * vertrouwenspersoon for VP-only cases). Returns the audit detail: counts only, never a case.
 */
async function handOverCasesOf(
  trx: AppContext['db'],
  slug: string,
  leaving: SchoolContactRow,
  active: readonly SchoolContactRow[],
  handOverTo: number | undefined,
  which: 'all' | 'confidential',
): Promise<string> {
  const email = leaving.email.toLowerCase();
  const cases = await countOpenCasesOf(trx, slug, email);
  const count = which === 'all' ? cases.open : cases.confidential;
  if (count === 0) return '';
  const successor = active.find((row) => row.id === handOverTo && row.id !== leaving.id);
  if (!successor) {
    const what = `${count} open ${count === 1 ? 'melding' : 'meldingen'}${which === 'confidential' ? ' die alleen de vertrouwenspersoon mag zien' : ''}`;
    const ask = `${leaving.name} behandelt nog ${what}. Kies wie ze overneemt.`;
    throw new AppError('conflict', ask, { handOverTo: ask });
  }
  if (!rolesOf(successor).some(handlesCases)) {
    const cannot = rolesOf(successor).includes('aandachtsfunctionaris')
      ? `${successor.name} opent alleen meldingen voor de Meldcode. Kies iemand met een andere rol in het portaal.`
      : `${successor.name} kan geen meldingen openen. Kies iemand met een rol in het portaal.`;
    throw new AppError('invalid_input', cannot, { handOverTo: cannot });
  }
  if (cases.confidential > 0 && !rolesOf(successor).includes('vertrouwenspersoon')) {
    const vp = 'Er is een melding bij die alleen de vertrouwenspersoon mag zien. Kies een vertrouwenspersoon.';
    throw new AppError('invalid_input', vp, { handOverTo: vp });
  }
  const moved = await handOverOpenCases(trx, slug, email, successor.email.toLowerCase(), which);
  return `; ${moved} open melding(en) overgedragen aan ${successor.name}`;
}



/**
 * Ends a contact: they are mailed no more, and every session of theirs at this school ends now.
 * Open cases they handle are never left without a handler: without `handOverTo` the end is refused
 * with how many there are, and with it they go to that contact (a vertrouwenspersoon when one of
 * them is for the VP only). The admin learns counts only, never anything of a case.
 */
export async function endSchoolContact(
  context: AppContext,
  actor: BoardAdminMember,
  slug: string,
  id: number,
  handOverTo?: number,
): Promise<BoardSchool> {
  return changeActiveContact(context, slug, id, async (trx, before, active, now) => {
    keepsRequiredRoles(active.filter((row) => row.id !== id).map((row) => ({ roles: rolesOf(row) })));
    const handedOver = await handOverCasesOf(trx, slug, before, active, handOverTo, 'all');
    await endContact(trx, id, now.toISOString());
    const ended = await deleteSessionsOfEmailAtSchool(trx, before.email.toLowerCase(), slug);
    await auditBoard(trx, {
      school: slug,
      actor,
      action: 'board.contact.end',
      detail: `${describeContact({ ...before, roles: rolesOf(before) })}; ${ended} sessie(s) beëindigd${handedOver}`,
      at: now,
    });
  });
}
