// Response shapes of /api/beheer, which the board admin page reads: plain types, shared with the browser.
import type { ContactRole } from './contact-roles.js';
import type { HolidayRegion } from './board-values.js';

export interface BoardMeResponse {
  name: string;
  email: string;
  csrfToken: string;
}

export interface BoardContact {
  id: number;
  name: string;
  email: string;
  roles: ContactRole[];
  note: string | null;
  addedAt: string;
  /** Null while the contact is in force. */
  endedAt: string | null;
  /** Added for next school year ("2026-2027"): in the table from its 1 August. Null: in the table now. */
  joinsSchoolYear: string | null;
}

export interface BoardSchool {
  slug: string;
  name: string;
  isDefault: boolean;
  fullNotificationMail: boolean;
  requireTotp: boolean;
  retentionMonths: number | null;
  holidayRegion: HolidayRegion | null;
  loginLink: boolean;
  /** The school's own form address. */
  formUrl: string;
  contacts: BoardContact[];
  /**
   * What the table in force lacks that the protocol's mails or the portal need (no directeur, no
   * IB'er, no aandachtsfunctionaris), one Dutch sentence each saying what then reaches nobody.
   */
  warnings: string[];
  /** The days the school added itself, in date order. */
  daysOff: BoardDayOff[];
  /** The national holidays of its region that the portal knows (none without a region). */
  holidays: BoardHoliday[];
  /** Its contact table for the school year to confirm now. */
  schoolYear: SchoolYearStatus;
}

export interface BoardDayOff {
  id: number;
  day: string;
  label: string;
}

export interface BoardHoliday {
  name: string;
  schoolYear: string;
  from: string;
  to: string;
}

export interface BoardSchoolsResponse {
  /** The installation's RETENTION_MONTHS, which applies where a school sets none. */
  defaultRetentionMonths: number;
  schools: BoardSchool[];
}

export interface BoardPosterResponse {
  name: string;
  formUrl: string;
  /** The QR code of formUrl, as an SVG data URL. */
  qrCode: string;
}

/** A count as the board sees it: 0, or the number from 5 on; 1 to 4 only as "< 5". */
export type ShownCount = number | `< ${number}`;

export interface BoardCount {
  key: string;
  reports: ShownCount;
}

/** One school's figures: counts only, never anything of a single report. */
export interface BoardSchoolFigures {
  slug: string;
  name: string;
  total: ShownCount;
  /** Cases: reports staff linked into one case count once; open and closed count cases. */
  cases: ShownCount;
  open: ShownCount;
  closed: ShownCount;
  months: BoardCount[];
  kinds: BoardCount[];
  /** Median whole days from arrival to first opening; null when fewer than 5 reports were opened. */
  medianDaysToOpen: number | null;
}

export interface BoardFiguresResponse {
  from: string;
  to: string;
  schools: BoardSchoolFigures[];
}

/** A school's contact table for the school year to confirm now (next year's in July). */
export interface SchoolYearStatus {
  /** "2026-2027". */
  schoolYear: string;
  /** Who confirmed the table for that year, and when (ISO); null: nobody yet. */
  confirmed: { by: string; at: string } | null;
  /** The current school year began and nobody confirmed its table: staff and operators are warned. */
  unconfirmed: boolean;
}

/** The days a school is closed besides weekends: its region's national holidays and its own days off. */
export type SchoolCalendar = Pick<BoardSchool, 'holidayRegion' | 'holidays' | 'daysOff'>;

/** GET /api/staff/school-year: the school year page of the staff portal (directeur and anti-pestcoördinator). */
export interface StaffSchoolYearResponse {
  schoolName: string;
  schoolYear: SchoolYearStatus;
  /** Only the directeur confirms the table and adds or removes days off. */
  canChange: boolean;
  calendar: SchoolCalendar;
}
