import type { TeacherRow } from '../schema.js';
import type { Db } from '../database.js';

// The school's class teachers (leerkrachten); addresses are stored in lower case.

export async function listTeachers(db: Db, school: string): Promise<TeacherRow[]> {
  return db.selectFrom('teacher').selectAll().where('school', '=', school).orderBy('groep').orderBy('name').orderBy('id').execute();
}

export async function findTeacher(db: Db, school: string, id: number): Promise<TeacherRow | undefined> {
  return db.selectFrom('teacher').selectAll().where('school', '=', school).where('id', '=', id).executeTakeFirst();
}

export async function findTeacherByEmail(db: Db, school: string, email: string): Promise<TeacherRow | undefined> {
  return db.selectFrom('teacher').selectAll().where('school', '=', school).where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** The schools (slugs, in the order the teacher was added) where this address is a teacher. */
export async function schoolsOfTeacherEmail(db: Db, email: string): Promise<string[]> {
  const rows = await db.selectFrom('teacher').select('school').where('email', '=', email.toLowerCase()).orderBy('id').execute();
  return rows.map((row) => row.school);
}

export async function insertTeacher(
  db: Db,
  teacher: { school: string; name: string; email: string; groep: string; at: string },
): Promise<number> {
  const row = await db
    .insertInto('teacher')
    .values({ school: teacher.school, name: teacher.name, email: teacher.email.toLowerCase(), groep: teacher.groep, created_at: teacher.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTeacher(db: Db, school: string, id: number, change: { name: string; email: string; groep: string }): Promise<void> {
  await db
    .updateTable('teacher')
    .set({ name: change.name, email: change.email.toLowerCase(), groep: change.groep })
    .where('school', '=', school)
    .where('id', '=', id)
    .execute();
}

/** Removes the teacher with their invitations. */
export async function deleteTeacher(db: Db, school: string, id: number): Promise<void> {
  await db.deleteFrom('case_invitation').where('teacher_id', '=', id).execute();
  await db.deleteFrom('teacher').where('school', '=', school).where('id', '=', id).execute();
}

/** Ends the teacher sessions of this address at this school (removed, or moved to another address). */
export async function deleteTeacherSessions(db: Db, school: string, email: string): Promise<void> {
  await db
    .deleteFrom('staff_session')
    .where('school', '=', school)
    .where('email', '=', email.toLowerCase())
    .where('person_kind', '=', 'teacher')
    .execute();
}
