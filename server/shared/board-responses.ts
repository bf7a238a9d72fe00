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
  /** The days the school added itself, in date order. */
  daysOff: BoardDayOff[];
  /** The national holidays of its region that the portal knows (none without a region). */
  holidays: BoardHoliday[];
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
