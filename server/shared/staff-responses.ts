// The answers of /api/staff, once, in zod; TypeScript types are inferred from them. The server builds
// them and the staff pages read them (type-only imports: zod stays out of the browser bundle).
import { z } from 'zod';
import { MESSAGE_AUTHORS } from './protocol.js';
import { STAFF_STAGES } from './staff-session.js';

const SchoolRef = z.object({ slug: z.string(), name: z.string() });

export const MeResponse = z.object({
  /** 'teacher': a class teacher who sees only the cases they are invited to. */
  kind: z.enum(['contact', 'teacher']),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  school: SchoolRef,
  schools: z.array(SchoolRef),
  csrfToken: z.string(),
  canReadAudit: z.boolean(),
  canSeeConfidential: z.boolean(),
  /** False for the aandachtsfunctionaris alone: only the cases marked for the Meldcode, no Cijfers. */
  wholeSchool: z.boolean(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const InboxItem = z.object({
  id: z.number(),
  urgent: z.boolean(),
  receivedAt: z.string(),
  kinds: z.array(z.string()),
  places: z.array(z.string()),
  indication: z.string(),
  staffIndication: z.string().nullable(),
  step: z.string().nullable(),
  status: z.string(),
  /** The day staff look back at the case (YYYY-MM-DD), or null. */
  followUpOn: z.string().nullable(),
  unread: z.boolean(),
  /** The reporter answered since the case's handler last opened it. */
  newAnswer: z.boolean(),
  confidential: z.boolean(),
  reporterRole: z.string(),
  anonymous: z.boolean(),
  assignee: z.string().nullable(),
  screenshots: z.number(),
  /** The other reports staff linked into this case (it shows once in the inbox, with them). */
  linkedReports: z.array(z.number()),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxResponse = z.object({
  reports: z.array(InboxItem),
  /** Pass as `before` for the next page; null on the last page. */
  next: z.string().nullable(),
  unreadCount: z.number(),
});
export type InboxResponse = z.infer<typeof InboxResponse>;

const ByAt = { by: z.string(), at: z.string() };

/** The Meldcode part of a case, only for the aandachtsfunctionaris, the directeur and the handler. */
export const MeldcodePart = z.object({
  markedAt: z.string(),
  markedBy: z.string(),
  steps: z.array(z.object({ step: z.string(), label: z.string() })),
  entries: z.array(z.object({ id: z.number(), step: z.string().nullable(), note: z.string().nullable(), ...ByAt })),
});
export type MeldcodePart = z.infer<typeof MeldcodePart>;

export const CaseResponse = z.object({
  id: z.number(),
  /** The reporter said they are in danger or afraid to go to school. */
  urgent: z.boolean(),
  /** "In gevaar?" and "bang om naar school te gaan?" apart; null for reports from before they were split. */
  inDanger: z.boolean().nullable(),
  afraidOfSchool: z.boolean().nullable(),
  school: SchoolRef,
  receivedAt: z.string(),
  status: z.string(),
  step: z.string().nullable(),
  /** The day staff look back at the case (YYYY-MM-DD), or null. */
  followUpOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedAs: z.string().nullable(),
  purgedAt: z.string().nullable(),
  confidential: z.boolean(),
  /** The report holding the case record: this report's own number unless staff linked it into another's case. */
  caseId: z.number(),
  /** Every report of the case, the holder first (just this one when nothing is linked). */
  caseReports: z.array(
    z.object({ id: z.number(), receivedAt: z.string(), reporterRole: z.string(), anonymous: z.boolean(), source: z.string() }),
  ),
  /** form, or how it reached the staff member who recorded it (in_person, phone, letter, observation). */
  source: z.string(),
  /** The protocol's signals of bullying staff ticked when recording. */
  signals: z.array(z.string()),
  reporter: z.object({
    role: z.string(),
    anonymous: z.boolean(),
    name: z.string().nullable(),
    group: z.number().nullable(),
    email: z.string().nullable(),
    /** The language of the form the reporter used (server/shared/languages.ts). */
    language: z.string(),
    /** A name and address were given but are kept from this viewer: a class teacher they were not shared with. */
    identityWithheld: z.boolean(),
  }),
  description: z.string().nullable(),
  kinds: z.array(z.string()),
  places: z.array(z.string()),
  platforms: z.array(z.string()),
  frequency: z.string().nullable(),
  /** "Sinds wanneer?" (SINCE), null when not answered. */
  since: z.string().nullable(),
  target: z.string().nullable(),
  perpetrators: z.string().nullable(),
  criteria: z.array(
    z.object({ key: z.string(), plagen: z.string(), pesten: z.string(), answer: z.enum(['plagen', 'pesten']).nullable() }),
  ),
  indication: z.string(),
  staffIndication: z.string().nullable(),
  indicationBy: z.string().nullable(),
  indicationAt: z.string().nullable(),
  steps: z.array(z.object({ id: z.number(), step: z.string(), referral: z.string().nullable(), note: z.string().nullable(), ...ByAt })),
  checklists: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      items: z.array(z.object({ index: z.number(), text: z.string(), tickedBy: z.string().nullable(), tickedAt: z.string().nullable() })),
    }),
  ),
  notes: z.array(z.object({ id: z.number(), text: z.string(), ...ByAt })),
  messages: z.array(
    z.object({ id: z.number(), from: z.enum(MESSAGE_AUTHORS), text: z.string(), at: z.string(), by: z.string().nullable() }),
  ),
  screenshots: z.array(z.object({ id: z.number(), messageId: z.number().nullable(), width: z.number(), height: z.number(), url: z.string() })),
  reporterStatus: z.string(),
  assignee: z.object({ email: z.string(), name: z.string() }).nullable(),
  assignable: z.array(z.object({ email: z.string(), name: z.string() })),
  /**
   * Who a change by this viewer would mail, by name: the IB'er once it is pesten, an MT-lid (or the
   * directeur) at stap 3a and 4, the directeur at stap 6. Empty when nobody would be: the viewer
   * alone holds the role, the table has nobody with it, or the case is for the vertrouwenspersoon only.
   */
  routing: z.object({ pesten: z.array(z.string()), '3a': z.array(z.string()), '4': z.array(z.string()), '6': z.array(z.string()) }),
  /** Who marking the case for the Meldcode would mail (its aandachtsfunctionarissen), by name; empty: nobody. */
  aandachtsfunctionarissen: z.array(z.string()),
  /**
   * The Meldcode part: absent (not even the key) for anyone but the aandachtsfunctionaris, the
   * directeur and the handler; null for them while the case is not marked.
   */
  meldcode: MeldcodePart.nullable().optional(),
  /** Plain text for the leerlingdossier in Parnassys (the Meldcode part is never in it). */
  summary: z.string(),
});
export type CaseResponse = z.infer<typeof CaseResponse>;

/** A report recorded by staff; the receipt code (for the pupil's or parent's slip) only when asked for. */
export const RecordedReportResponse = z.object({ id: z.number(), receipt: z.string().optional(), receiptWords: z.string().optional() });
export type RecordedReportResponse = z.infer<typeof RecordedReportResponse>;

export const AuditResponse = z.object({
  entries: z.array(
    z.object({
      reportId: z.number().nullable(),
      by: z.string(),
      email: z.string(),
      action: z.string(),
      detail: z.string().nullable(),
      at: z.string(),
    }),
  ),
  /** The `offset` of the next page, or null on the last. */
  next: z.number().nullable(),
});
export type AuditResponse = z.infer<typeof AuditResponse>;

const Count = z.object({ key: z.string(), reports: z.number() });

/** Numbers only, never a report: confidential and purged reports are counted like the others. */
export const StatisticsResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** Reports, each counted. */
  total: z.number(),
  /** Cases: reports staff linked into one case count once. */
  cases: z.number(),
  urgent: z.number(),
  /** Every month of the range (YYYY-MM), oldest first, zero months included. */
  months: z.array(Count),
  /** Known values first in the form's order (zeros included), unknown stored values after them. */
  kinds: z.array(Count),
  places: z.array(Count),
  /** The indication computed from the reporter's answers. */
  indications: z.array(Count),
  /** The school's own judgement: pesten, plagen, or none yet; per case (linked reports count once). */
  verdicts: z.array(Count),
  /** Per case: open, plagen (closed as plagen), resolved (closed: opgelost), closed (closed without an outcome). */
  outcomes: z.array(Count),
  /** How the reports came in: form, in_person, phone, letter, observation. */
  sources: z.array(Count),
});
export type StatisticsResponse = z.infer<typeof StatisticsResponse>;

// --- /api/staff/second-factor ---

export const SecondFactorStatusResponse = z.object({
  stage: z.enum(STAFF_STAGES),
  enabled: z.boolean(),
  required: z.boolean(),
  recoveryCodesLeft: z.number(),
  csrfToken: z.string(),
});
export type SecondFactorStatusResponse = z.infer<typeof SecondFactorStatusResponse>;

export const TotpSetupResponse = z.object({
  secret: z.string(),
  secretGroups: z.string(),
  uri: z.string(),
  /** The URI as a QR code: an SVG data URL. */
  qrCode: z.string(),
});
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;

/** After turning TOTP on: the status, and the recovery codes, shown this once. */
export const TotpEnabledResponse = SecondFactorStatusResponse.extend({ recoveryCodes: z.array(z.string()) });
export type TotpEnabledResponse = z.infer<typeof TotpEnabledResponse>;

/** For the directeur: colleagues and whether each uses an authenticator app. */
export const ColleagueSecondFactorsResponse = z.array(z.object({ name: z.string(), email: z.string(), enabled: z.boolean() }));
export type ColleagueSecondFactorsResponse = z.infer<typeof ColleagueSecondFactorsResponse>;

/** The answer to a login link when the session is not complete yet. */
export const PendingLoginResponse = z.object({
  stage: z.enum(STAFF_STAGES).exclude(['full']),
  csrfToken: z.string(),
});
export type PendingLoginResponse = z.infer<typeof PendingLoginResponse>;

/** Mails the worker gave up on, for the directeur (and, about reports for the VP only, the vertrouwenspersoon). */
export const MailProblemsResponse = z.object({
  deadLetters: z.array(
    z.object({
      id: z.number(),
      /** The contact of the school the mail was for; null for a mail to a reporter. */
      contact: z.object({ name: z.string(), email: z.string() }).nullable(),
      kind: z.string(),
      subject: z.string(),
      /** The hour the mail was given up. */
      at: z.string(),
      /** The mail server's own words, e.g. "550 5.1.1 … User unknown". */
      reason: z.string(),
      attempts: z.number(),
    }),
  ),
});
export type MailProblemsResponse = z.infer<typeof MailProblemsResponse>;
