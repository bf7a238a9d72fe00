// What the staff pages and the server agree on about class teachers (leerkrachten) on a case.
// Pure data and types only (no Node imports): web/src/staff imports it too.

/** The protocol gives these steps to the class teacher (Stap 1, 2, 3a, 3b and 4); the rest stay with the team. */
export const TEACHER_STEPS = ['1', '2', '3a', '3b', '4'] as const;

/** What a class teacher reads where the coordinator did not share the reporter's name and address with them. */
export const IDENTITY_WITHHELD = 'naam en mailadres niet met jou gedeeld';

/** At most this many characters for a groep ("5", "7/8", "groep 1-2"). */
export const TEACHER_GROEP_MAX = 20;

/** At most this many teachers on one school's list. */
export const MAX_TEACHERS_PER_SCHOOL = 150;

/** The school's teacher list, as the directeur and a board admin see it. */
export interface TeacherListResponse {
  teachers: { id: number; name: string; email: string; groep: string }[];
}

/** A case's invitations, and whom the coordinator can invite (the reporter's groep first). */
export interface InvitationsResponse {
  /** Whether this person may invite, change and withdraw here. */
  canInvite: boolean;
  teachers: { id: number; name: string; groep: string; ofTheGroep: boolean }[];
  invitations: { id: number; teacherId: number; name: string; groep: string; invitedBy: string; invitedAt: string; shareIdentity: boolean }[];
}

/** A teacher's own list: the open cases they are invited to. */
export interface InvitedCasesResponse {
  cases: { id: number; receivedAt: string; step: string | null; followUpOn: string | null; invitedAt: string }[];
}
