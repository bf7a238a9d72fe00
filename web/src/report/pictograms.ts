// Small line pictograms for every question and every answer, drawn on a 24x24 grid in the text
// colour. Inline SVG only: no icon font, no remote asset.
import { svg, type SVGTemplateResult } from 'lit';
import type { StepId } from './flow';
import type {
  Answer,
  FrequencyAnswer,
  Kind,
  Place,
  Platform,
  Question,
  Recipients,
  Role,
  SinceAnswer,
  Signal,
} from './options';

export const KIND_PICTOGRAMS: Record<Kind, SVGTemplateResult> = {
  physical: svg`<path d="M12 2.5l1.9 4.6 4.8-1.7-1.7 4.8 4.5 1.8-4.5 1.8 1.7 4.8-4.8-1.7L12 21.5l-1.9-4.6-4.8 1.7 1.7-4.8L2.5 12l4.5-1.8-1.7-4.8 4.8 1.7z"/>`,
  verbal: svg`<path d="M4 4h16v11H10l-5 4v-4H4z"/><path d="M8 10.5l2-2 2 2 2-2 2 2"/>`,
  exclusion: svg`<circle cx="6" cy="8" r="2.2"/><circle cx="12" cy="8" r="2.2"/><path d="M2.5 17c0-3 1.6-5 3.5-5s3.5 2 3.5 5M8.5 17c0-3 1.6-5 3.5-5s3.5 2 3.5 5"/><circle cx="19.5" cy="10" r="2"/><path d="M17 19c0-2.6 1.1-4.5 2.5-4.5S22 16.4 22 19"/>`,
  belongings: svg`<rect x="5.5" y="7" width="13" height="14" rx="3"/><path d="M9 7V5.5a3 3 0 0 1 6 0V7M9 13h6M12 13v3"/>`,
  cyber: svg`<rect x="7" y="2.5" width="10" height="19" rx="2"/><path d="M11 18.5h2M10 8l4 4M14 8l-4 4"/>`,
  threat: svg`<path d="M12 3.5l9.5 17h-19z"/><path d="M12 10v5M12 17.8v.2"/>`,
  other: svg`<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.6 2.2c-.7.4-1.1 1-1.1 1.8M12 16.8v.2"/>`,
};

export const PLACE_PICTOGRAMS: Record<Place, SVGTemplateResult> = {
  playground: svg`<circle cx="12" cy="9" r="5.5"/><path d="M12 14.5V21M4 21h16"/>`,
  classroom: svg`<rect x="3" y="4" width="18" height="12" rx="1"/><path d="M7 8.5h7M7 11.5h4M8 20l2-4M16 20l-2-4"/>`,
  corridor: svg`<path d="M6 21V3h12v18M3 21h18"/><path d="M14.5 12v.2"/>`,
  gym: svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c-3 2.5-3 15.5 0 18M12 3c3 2.5 3 15.5 0 18"/>`,
  way_home: svg`<path d="M3 11.5L12 4l9 7.5"/><path d="M5.5 10v10.5h13V10M10 20.5v-5h4v5"/>`,
  online: svg`<path d="M2.5 9a14 14 0 0 1 19 0M5.5 12.5a9.5 9.5 0 0 1 13 0M8.5 16a5 5 0 0 1 7 0"/><path d="M12 19.3v.2"/>`,
  elsewhere: svg`<path d="M12 21.5s7-6.6 7-11.5a7 7 0 0 0-14 0c0 4.9 7 11.5 7 11.5z"/><circle cx="12" cy="10" r="2.5"/>`,
};

export const ROLE_PICTOGRAMS: Record<Role, SVGTemplateResult> = {
  // One child, pointing at itself: "het gebeurt bij mij".
  self: svg`<circle cx="12" cy="6" r="3"/><path d="M6.5 21v-5.5a5.5 5.5 0 0 1 11 0V21"/><path d="M12 13.5v3.5"/>`,
  // An eye watching two children: "ik zie het bij iemand anders".
  bystander: svg`<path d="M2 8.5s3.6-5 10-5 10 5 10 5-3.6 5-10 5-10-5-10-5z"/><circle cx="12" cy="8.5" r="2.2"/><circle cx="7" cy="17" r="1.8"/><path d="M4 22c0-2 1.3-3 3-3s3 1 3 3"/><circle cx="17" cy="17" r="1.8"/><path d="M14 22c0-2 1.3-3 3-3s3 1 3 3"/>`,
  // A grown-up holding a child's hand.
  parent: svg`<circle cx="8" cy="4.5" r="2.5"/><path d="M3.5 21v-7a4.5 4.5 0 0 1 9 0v7"/><circle cx="17" cy="11" r="2"/><path d="M13.5 21v-3.5a3.5 3.5 0 0 1 7 0V21"/><path d="M12.5 15.5l2 1"/>`,
  other: KIND_PICTOGRAMS.other,
};

/** Small interface icons, drawn like the pictograms. */
export const ICONS = {
  speaker: svg`<path d="M3.5 9.5h3.5l4.5-4v13l-4.5-4H3.5z"/><path d="M15 9a4 4 0 0 1 0 6M17.5 6.5a7.5 7.5 0 0 1 0 11"/>`,
  stop: svg`<rect x="6" y="6" width="12" height="12" rx="1.5"/>`,
  exit: svg`<path d="M10 3.5H4.5v17H10"/><path d="M15 7.5l4.5 4.5-4.5 4.5M19.5 12H9"/>`,
  phone: svg`<path d="M6.5 3h3l1.5 4.5-2.2 1.4a11 11 0 0 0 6.3 6.3l1.4-2.2L21 14.5v3a2.5 2.5 0 0 1-2.5 2.5A16.5 16.5 0 0 1 4 5.5 2.5 2.5 0 0 1 6.5 3z"/>`,
  back: svg`<path d="M14.5 6l-6 6 6 6"/>`,
  next: svg`<path d="M9.5 6l6 6-6 6"/>`,
  chat: svg`<path d="M4 4.5h16v11H10l-5 4v-4H4z"/><path d="M8 10h.2M12 10h.2M16 10h.2"/>`,
  send: svg`<path d="M3 11.5L21 3l-6.5 18-3-7.5z"/><path d="M11.5 13.5L21 3"/>`,
};

// --- every other question and answer (issue: a child who cannot read yet follows the pictures) ---

const calendar = (marks: string) =>
  svg`<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 9.5h17M8 3v4M16 3v4"/><path d=${marks}/>`;

/** Shapes used by more than one question. */
const SHAPES = {
  yes: svg`<circle cx="12" cy="12" r="9"/><path d="M7.5 12.5l3 3 6-6.5"/>`,
  no: svg`<circle cx="12" cy="12" r="9"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>`,
  unknown: KIND_PICTOGRAMS.other,
  warning: KIND_PICTOGRAMS.threat,
  safe: svg`<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>`,
  sad: svg`<circle cx="12" cy="12" r="9"/><path d="M8 16.5c1-1.3 2.4-2 4-2s3 .7 4 2M9 9.5v.5M15 9.5v.5"/>`,
  scared: svg`<circle cx="12" cy="12" r="9"/><circle cx="12" cy="15.5" r="2"/><path d="M7.5 8l2.5 1M16.5 8l-2.5 1M9 11v.5M15 11v.5"/>`,
  happy: svg`<circle cx="12" cy="12" r="9"/><path d="M7.5 13.5c1 2 2.6 3 4.5 3s3.5-1 4.5-3M9 9.5v.5M15 9.5v.5"/>`,
  angry: svg`<circle cx="12" cy="12" r="9"/><path d="M8 17c1-1.3 2.4-2 4-2s3 .7 4 2M7.5 8.5l3 1.5M16.5 8.5l-3 1.5"/>`,
  twoEqual: svg`<circle cx="7" cy="7" r="2.5"/><circle cx="17" cy="7" r="2.5"/><path d="M3.5 20v-6a3.5 3.5 0 0 1 7 0v6M13.5 20v-6a3.5 3.5 0 0 1 7 0v6"/>`,
  bigSmall: svg`<circle cx="7" cy="4.5" r="2.5"/><path d="M3 21v-9a4 4 0 0 1 8 0v9"/><circle cx="17.5" cy="12" r="2"/><path d="M14.5 21v-4.5a3 3 0 0 1 6 0V21"/>`,
  oneChild: svg`<circle cx="12" cy="8" r="3"/><path d="M6.5 21v-4.5a5.5 5.5 0 0 1 11 0V21"/><path d="M2.5 5l3 2M21.5 5l-3 2M2 13h2.5M22 13h-2.5"/>`,
  children: svg`<circle cx="5" cy="9" r="2"/><circle cx="12" cy="7" r="2"/><circle cx="19" cy="9" r="2"/><path d="M2 20v-4a3 3 0 0 1 6 0v4M9 18v-5a3 3 0 0 1 6 0v5M16 20v-4a3 3 0 0 1 6 0v4"/>`,
  alone: svg`<circle cx="6" cy="9" r="2.2"/><path d="M2.5 20v-4.5a3.5 3.5 0 0 1 7 0V20"/><path d="M13 20h8M15 16v4M19 16v4M14 16h6"/>`,
  pointing: svg`<circle cx="17" cy="7" r="2.5"/><path d="M13.5 20v-6a3.5 3.5 0 0 1 7 0v6"/><path d="M2.5 11h6.5l2 1.5-2 1.5H6"/>`,
  twoBubbles: svg`<path d="M3 4h11v7H8l-3 2.5V11H3z"/><path d="M10 13.5h11v6h-2V22l-3-2.5h-6z"/>`,
  mistake: svg`<rect x="4" y="3" width="16" height="18" rx="2"/><path d="M8 8h8M8 12h4M13.5 14.5l4 4M17.5 14.5l-4 4"/>`,
  school: svg`<path d="M3 10l9-6 9 6"/><path d="M5 9v11h14V9M10 20v-5h4v5M12 7.5v.2"/>`,
  noSchool: svg`<path d="M3 10l9-6 9 6"/><path d="M5 9v11h14V9"/><path d="M9 11l6 6M15 11l-6 6"/>`,
  house: PLACE_PICTOGRAMS.way_home,
  phoneWarning: svg`<rect x="6" y="2.5" width="12" height="19" rx="2"/><path d="M12 7.5l3.5 6.5h-7zM11 19h2"/>`,
  eye: svg`<path d="M2 12s3.6-6 10-6 10 6 10 6-3.6 6-10 6-10-6-10-6z"/><circle cx="12" cy="12" r="3"/>`,
  chat: svg`<path d="M12 3.5a8.5 8.5 0 0 0-7.4 12.7L3.5 20.5l4.4-1.1A8.5 8.5 0 1 0 12 3.5z"/><path d="M9 9.5c0 3 2.5 5.5 5.5 5.5"/>`,
  music: svg`<path d="M9.5 18V5l9-2v12.5"/><circle cx="7" cy="18" r="2.5"/><circle cx="16" cy="15.5" r="2.5"/>`,
  ghost: svg`<path d="M5 20V10a7 7 0 0 1 14 0v10l-2.5-1.8L14 20l-2-1.8-2 1.8-2.5-1.8z"/><path d="M9.5 10v.5M14.5 10v.5"/>`,
  camera: svg`<rect x="3" y="3" width="18" height="18" rx="5"/><circle cx="12" cy="12" r="4"/><path d="M17 6.8v.2"/>`,
  play: svg`<rect x="2.5" y="5" width="19" height="14" rx="4"/><path d="M10 9v6l5-3z"/>`,
  thumb: svg`<path d="M7 10.5v10H3.5v-10zM7 11l4-7.5c1.6 0 2.5 1 2.2 2.7L12.5 10H19a2 2 0 0 1 2 2.3l-1.2 6.5a2 2 0 0 1-2 1.7H7"/>`,
  gamepad: svg`<path d="M7 7.5h10a4.5 4.5 0 0 1 4.4 5.5l-.9 4a2.5 2.5 0 0 1-4.3 1.1L14 15.5h-4l-2.2 2.6a2.5 2.5 0 0 1-4.3-1.1l-.9-4A4.5 4.5 0 0 1 7 7.5z"/><path d="M8 10v3.5M6.2 11.8h3.6M15.5 11h.2M17.5 13h.2"/>`,
  picture: svg`<rect x="3" y="5" width="18" height="14" rx="2"/><circle cx="9" cy="10" r="1.8"/><path d="M21 16l-5-5-9 8"/>`,
  pencil: svg`<path d="M4 20l1-4.5L16 4.5l3.5 3.5L8.5 19z"/><path d="M14 6.5l3.5 3.5"/>`,
  nameTag: svg`<rect x="3" y="6" width="18" height="13" rx="2"/><circle cx="8.5" cy="11.5" r="2"/><path d="M5.5 16.5c.5-1.4 1.6-2 3-2s2.5.6 3 2M14 11h4M14 14h3"/>`,
  mask: svg`<path d="M3 8c3-1.5 6-1.5 9 0 3-1.5 6-1.5 9 0 0 5-2 9-5 9-2 0-3-2-4-2s-2 2-4 2C5 17 3 13 3 8z"/><path d="M7 11h2.5M14.5 11H17"/>`,
  lock: svg`<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5v-3a4 4 0 0 1 8 0v3M12 14.5V17"/>`,
  listener: svg`<circle cx="9" cy="7" r="3"/><path d="M3.5 21v-5a5.5 5.5 0 0 1 11 0v5"/><path d="M18 16s-3-1.8-3-4a1.6 1.6 0 0 1 3-.8 1.6 1.6 0 0 1 3 .8c0 2.2-3 4-3 4z"/>`,
  scale: svg`<path d="M12 4v16M7.5 20h9M4.5 7h15"/><path d="M4.5 7l-2.5 6a2.5 2.5 0 0 0 5 0zM19.5 7l-2.5 6a2.5 2.5 0 0 0 5 0z"/>`,
  target: svg`<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="5"/><circle cx="12" cy="12" r="1.5"/>`,
  hurt: svg`<path d="M12 20s-8-4.8-8-10.5A4.5 4.5 0 0 1 12 7a4.5 4.5 0 0 1 8 2.5C20 15.2 12 20 12 20z"/><path d="M12 7l-1.5 4 3 2-1.5 3"/>`,
  checklist: svg`<path d="M10 6h10M10 12h10M10 18h10"/><path d="M3.5 6l1.5 1.5L7.5 5M3.5 12l1.5 1.5L7.5 11M3.5 18l1.5 1.5L7.5 17"/>`,
  clock: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/>`,
  envelope: svg`<rect x="3" y="5.5" width="18" height="13" rx="2"/><path d="M3.5 6.5l8.5 6.5 8.5-6.5"/>`,
  siren: svg`<path d="M6.5 18v-6a5.5 5.5 0 0 1 11 0v6"/><path d="M4 18h16v3H4zM12 2v2.5M4 5.5l1.8 1.8M20 5.5l-1.8 1.8"/>`,
};

export const FREQUENCY_PICTOGRAMS: Record<FrequencyAnswer, SVGTemplateResult> = {
  once: calendar('M12 15v.2'),
  sometimes: calendar('M8.5 13v.2M15.5 17v.2'),
  weekly: calendar('M6.5 14h11'),
  daily: calendar('M6.5 13h11M6.5 17h11'),
  unknown: SHAPES.unknown,
};

/** How long it has gone on: one mark today, then a week, weeks, a whole calendar. */
export const SINCE_PICTOGRAMS: Record<SinceAnswer, SVGTemplateResult> = {
  today: calendar('M8 13.5h2.5v2.5H8z'),
  this_week: calendar('M6.5 13.5h11'),
  few_weeks: calendar('M6.5 12.5h11M6.5 15h11M6.5 17.5h11'),
  longer: svg`<rect x="2.5" y="6.5" width="14" height="13" rx="2"/><path d="M2.5 10h14M6 4.5v3.5M13 4.5v3.5"/><path d="M19.5 4h2v13"/>`,
  unknown: SHAPES.unknown,
};

export const SIGNAL_PICTOGRAMS: Record<Signal, SVGTemplateResult> = {
  alone: SHAPES.alone,
  youngerChildren: SHAPES.bigSmall,
  blamed: SHAPES.pointing,
  gossip: SHAPES.twoBubbles,
  remarks: KIND_PICTOGRAMS.verbal,
  mistakes: SHAPES.mistake,
  avoidsSchool: SHAPES.noSchool,
  irritable: SHAPES.angry,
  staysInside: SHAPES.house,
  belongings: KIND_PICTOGRAMS.belongings,
  threatsOnline: SHAPES.phoneWarning,
};

export const PLATFORM_PICTOGRAMS: Record<Platform, SVGTemplateResult> = {
  whatsapp: SHAPES.chat,
  tiktok: SHAPES.music,
  snapchat: SHAPES.ghost,
  instagram: SHAPES.camera,
  youtube: SHAPES.play,
  facebook: SHAPES.thumb,
  game: SHAPES.gamepad,
  other: SHAPES.unknown,
};

export const RECIPIENT_PICTOGRAMS: Record<Recipients, SVGTemplateResult> = {
  default: SHAPES.children,
  vertrouwenspersoon: SHAPES.listener,
};

/** Answers of the three plagen/pesten questions: what "ja" and "nee" mean on each screen. */
export const QUESTION_ANSWER_PICTOGRAMS: Record<Question, Record<Answer, SVGTemplateResult>> = {
  equal: { yes: SHAPES.twoEqual, no: SHAPES.bigSmall, unknown: SHAPES.unknown },
  sameTarget: { yes: SHAPES.oneChild, no: SHAPES.children, unknown: SHAPES.unknown },
  hurtful: { yes: SHAPES.sad, no: SHAPES.happy, unknown: SHAPES.unknown },
};

export const DANGER_PICTOGRAMS = { yes: SHAPES.warning, no: SHAPES.safe };
export const AFRAID_PICTOGRAMS = { yes: SHAPES.scared, no: SHAPES.happy };
export const IDENTITY_PICTOGRAMS = { anonymous: SHAPES.mask, named: SHAPES.nameTag, group: SHAPES.school, email: SHAPES.envelope };
export const NAMES_PICTOGRAMS = { target: SHAPES.oneChild, perpetrators: SHAPES.children };
export const SCREENSHOT_PICTOGRAM = SHAPES.picture;

/** The picture beside each question's heading. */
export const STEP_PICTOGRAMS: Record<StepId, SVGTemplateResult> = {
  role: ROLE_PICTOGRAMS.self,
  danger: SHAPES.siren,
  afraid: SHAPES.school,
  signals: SHAPES.eye,
  kinds: KIND_PICTOGRAMS.physical,
  places: PLACE_PICTOGRAMS.elsewhere,
  platforms: KIND_PICTOGRAMS.cyber,
  screenshots: SHAPES.picture,
  frequency: calendar('M6.5 13h11M6.5 17h6'),
  since: SHAPES.clock,
  equal: SHAPES.scale,
  sameTarget: SHAPES.target,
  hurtful: SHAPES.hurt,
  description: SHAPES.pencil,
  names: SHAPES.nameTag,
  identity: SHAPES.mask,
  recipients: SHAPES.lock,
  summary: SHAPES.checklist,
};

/** The pictogram of each answer on a screen, by the answer's value. */
export function answerPictograms(step: StepId): Readonly<Record<string, SVGTemplateResult>> {
  switch (step) {
    case 'role':
      return ROLE_PICTOGRAMS;
    case 'danger':
      return DANGER_PICTOGRAMS;
    case 'afraid':
      return AFRAID_PICTOGRAMS;
    case 'signals':
      return SIGNAL_PICTOGRAMS;
    case 'kinds':
      return KIND_PICTOGRAMS;
    case 'places':
      return PLACE_PICTOGRAMS;
    case 'platforms':
      return PLATFORM_PICTOGRAMS;
    case 'frequency':
      return FREQUENCY_PICTOGRAMS;
    case 'since':
      return SINCE_PICTOGRAMS;
    case 'equal':
    case 'sameTarget':
    case 'hurtful':
      return QUESTION_ANSWER_PICTOGRAMS[step];
    case 'names':
      return NAMES_PICTOGRAMS;
    case 'identity':
      return IDENTITY_PICTOGRAMS;
    case 'recipients':
      return RECIPIENT_PICTOGRAMS;
    case 'screenshots':
    case 'description':
    case 'summary':
      return {};
  }
}
