import { deleteTeacher, deleteTeacherSessions, findTeacher, findTeacherByEmail, insertTeacher, listTeachers, updateTeacher } from '../../db/queries/teachers.js';
import type { Db } from '../../db/database.js';
import type { TeacherRow } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { audit } from '../audit/audit.js';
import { auditBoard } from '../board/board-audit.js';
import { tellSchool } from '../board/tell-school.js';
import type { BoardAdminMember } from '../board/board-admins.js';
import { findSchool } from '../schools/school-directory.js';
import { MAX_TEACHERS_PER_SCHOOL, type TeacherListResponse } from '../shared/teachers.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';
import type { TeacherInput } from './teacher-schema.js';
import { runTransaction } from '../../db/transaction.js';

// The school's list of class teachers (leerkrachten): kept by the directeur in the staff portal and
// by a board admin in /beheer, with the same rules and messages for both. A teacher is not a contact
// of the table: an address of the table cannot be on the list too. Each change and its audit row are
// one transaction; a removed teacher (or their old address) loses their sessions at once.

const NO_SUCH_SCHOOL = 'Deze school bestaat niet.';
const NO_SUCH_TEACHER = 'Deze leerkracht staat niet op de lijst van deze school.';
const ONLY_DIRECTOR = 'Alleen de directeur houdt de lijst van leerkrachten bij.';

/** Who changes the list, and how that goes into the audit log (the board's rows or the school's). */
export interface TeacherEditor {
  audit: (trx: Db, change: 'add' | 'change' | 'remove', detail: string, at: Date) => Promise<void>;
  /** A teacher's invitations follow the row to its new address: the board's change is told to the school. */
  addressChanged?: (trx: Db, before: TeacherRow, newAddress: string, at: Date) => Promise<void>;
}

export function boardTeacherEditor(context: AppContext, admin: BoardAdminMember, school: string): TeacherEditor {
  return {
    audit: (trx, change, detail, at) => auditBoard(trx, { school, actor: admin, action: `board.teacher.${change}`, detail, at }),
    addressChanged: (trx, before, newAddress, at) =>
      tellSchool(context, trx, { slug: school, actor: admin, now: at }, `het e-mailadres van leerkracht ${before.name} is nu <${newAddress}> (was <${before.email}>)`, {
        name: before.name,
        email: before.email,
      }),
  };
}

/** The school's directeur; anyone else of the school is refused. */
export function staffTeacherEditor(principal: StaffPrincipal): TeacherEditor {
  if (!principal.member.roles.includes('directeur')) throw new AppError('forbidden', ONLY_DIRECTOR);
  return {
    audit: (trx, change, detail, at) =>
      audit(trx, { school: principal.school.slug, member: principal.member, action: `teacher.${change}`, detail, at }),
  };
}

const item = (row: TeacherRow): TeacherListResponse['teachers'][number] => ({ id: row.id, name: row.name, email: row.email, groep: row.groep });
const described = (teacher: Pick<TeacherRow, 'name' | 'groep'>) => `${teacher.name} (groep ${teacher.groep})`;

export async function readTeacherList(context: AppContext, slug: string): Promise<TeacherListResponse> {
  if (!(await findSchool(context.db, slug))) throw new AppError('not_found', NO_SUCH_SCHOOL);
  return { teachers: (await listTeachers(context.db, slug)).map(item) };
}

/** Refuses an address of the contact table or of another teacher of the school, on the field. */
async function checkAddress(trx: Db, slug: string, email: string, exceptId: number | null): Promise<void> {
  const school = await findSchool(trx, slug);
  if (!school) throw new AppError('not_found', NO_SUCH_SCHOOL);
  const address = email.toLowerCase();
  if (school.contacts.some((contact) => contact.email.toLowerCase() === address)) {
    const message = 'Dit adres staat al in de contacttabel. Die collega kan de meldingen al openen.';
    throw new AppError('conflict', message, { email: message });
  }
  const other = await findTeacherByEmail(trx, slug, address);
  if (other && other.id !== exceptId) {
    const message = 'Deze leerkracht staat al op de lijst.';
    throw new AppError('conflict', message, { email: message });
  }
}

export async function addTeacher(context: AppContext, editor: TeacherEditor, slug: string, input: TeacherInput): Promise<TeacherListResponse> {
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    await checkAddress(trx, slug, input.email, null);
    if ((await listTeachers(trx, slug)).length >= MAX_TEACHERS_PER_SCHOOL) {
      const full = `Er staan al ${MAX_TEACHERS_PER_SCHOOL} leerkrachten op de lijst. Haal er eerst een weg.`;
      throw new AppError('invalid_input', full, { email: full });
    }
    await insertTeacher(trx, { school: slug, ...input, at: now.toISOString() });
    await editor.audit(trx, 'add', described(input), now);
  });
  return readTeacherList(context, slug);
}

export async function changeTeacher(
  context: AppContext,
  editor: TeacherEditor,
  slug: string,
  id: number,
  input: TeacherInput,
): Promise<TeacherListResponse> {
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    const before = await findTeacher(trx, slug, id);
    if (!before) throw new AppError('not_found', NO_SUCH_TEACHER);
    await checkAddress(trx, slug, input.email, id);
    await updateTeacher(trx, slug, id, input);
    // A link or session of the old address must not stay valid for the new person behind the row.
    if (before.email !== input.email.toLowerCase()) {
      await deleteTeacherSessions(trx, slug, before.email);
      await editor.addressChanged?.(trx, before, input.email, now);
    }
    const moved = before.email !== input.email.toLowerCase() ? ', nieuw adres' : '';
    await editor.audit(trx, 'change', `${described(before)} → ${described(input)}${moved}`, now);
  });
  return readTeacherList(context, slug);
}

/** Removes the teacher: their invitations end with them and so do their sessions. */
export async function removeTeacher(context: AppContext, editor: TeacherEditor, slug: string, id: number): Promise<TeacherListResponse> {
  const now = context.now();
  await runTransaction(context.db, async (trx) => {
    const teacher = await findTeacher(trx, slug, id);
    if (!teacher) throw new AppError('not_found', NO_SUCH_TEACHER);
    await deleteTeacher(trx, slug, id);
    await deleteTeacherSessions(trx, slug, teacher.email);
    await editor.audit(trx, 'remove', described(teacher), now);
  });
  return readTeacherList(context, slug);
}
