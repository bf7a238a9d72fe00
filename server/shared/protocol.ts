// The seed protocol (anti-pestprotocol CBS de Kopakker 2021-2022) as data: the steps, the
// plagen/pesten table and the begeleiding checklists. Checklist items are the seed's words;
// only line breaks of the source document are joined. The web side imports this module as types
// and data, so the lists exist once.

// Pure data and types only (no Node imports): web/src/staff imports it too.

/**
 * Roles that may log in to the staff portal. Orthopedagoog and schoolmaatschappelijk werker are external.
 * The aandachtsfunctionaris opens only the cases marked for the Meldcode (CASE_SCOPED_ROLES).
 */
export const STAFF_ROLES = ['anti-pestcoordinator', 'vertrouwenspersoon', 'ib', 'directeur', 'mt', 'aandachtsfunctionaris'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Portal roles that open only the cases given to them rather than the school's reports: the
 * aandachtsfunctionaris sees the cases marked for the Meldcode. Such a role alone handles no case.
 */
export const CASE_SCOPED_ROLES: readonly StaffRole[] = ['aandachtsfunctionaris'];

/** Whether a role lets its holder open the school's reports, and so handle a case. */
export function handlesCases(role: string): boolean {
  return (STAFF_ROLES as readonly string[]).includes(role) && !(CASE_SCOPED_ROLES as readonly string[]).includes(role);
}

export const STEPS = ['1', '2', '3a', '3b', '4', '5', '6'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABELS: Record<Step, string> = {
  '1': 'Stap 1 – Signaleren',
  '2': 'Stap 2 – Analyseren',
  '3a': 'Stap 3a – Ouders van pester en gepeste geïnformeerd, afspraken vastgelegd',
  '3b': 'Stap 3b – Klasgenoten betrokken',
  '4': 'Stap 4 – MT-lid ingelicht',
  '5': 'Stap 5 – Verwijzing',
  '6': 'Stap 6 – Maatregel directeur',
};

/** Steps that only exist when there is pestgedrag (the seed: "Indien er sprake is van pestgedrag"). */
export const PESTEN_STEPS: ReadonlySet<Step> = new Set(['3a', '3b', '4', '5', '6']);

/** Stap 5: "verwijzing naar het maatschappelijk zorgsysteem (GGD, schoolmaatschappelijk werk, leerplichtambtenaar)". */
export const REFERRALS = ['ggd', 'schoolmaatschappelijk-werk', 'leerplichtambtenaar'] as const;
export type Referral = (typeof REFERRALS)[number];
export const REFERRAL_LABELS: Record<Referral, string> = {
  ggd: 'GGD',
  'schoolmaatschappelijk-werk': 'Schoolmaatschappelijk werk',
  leerplichtambtenaar: 'Leerplichtambtenaar',
};

export const STAFF_INDICATIONS = ['pesten', 'plagen'] as const;

export const CLOSE_OUTCOMES = ['plagen', 'resolved'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
export const CLOSE_LABELS: Record<CloseOutcome, string> = {
  plagen: 'Afgesloten als plagen',
  resolved: 'Afgesloten: opgelost',
};

/**
 * What the reporter reads at /volgen when a case closes, unless staff change it: short sentences a
 * six-year-old can follow, saying what the school found and what to do if it happens again.
 */
export const CLOSING_MESSAGES: Record<CloseOutcome, string> = {
  plagen:
    'Dank je wel dat je het ons vertelde. We hebben goed gekeken. Wij denken dat het plagen was, geen pesten. We hebben met de kinderen gepraat. Gebeurt het weer? Of voel je je niet fijn? Zeg het dan tegen je juf of meester. Je mag het hier ook weer melden.',
  resolved:
    'Dank je wel dat je het ons vertelde. Dat was goed van je. We hebben met de kinderen gepraat. Het pesten is nu gestopt. We blijven goed opletten. Gebeurt het toch weer? Zeg het dan meteen tegen je juf of meester. Je mag het hier ook weer melden.',
};

export const CASE_STATUSES = ['new', 'open', 'closed'] as const;

/** The seed's table "Plagen / Pesten", row by row, with the report field each row is asked by. */
export const CRITERIA = [
  { key: 'equal', plagen: 'Gelijkwaardigheid', pesten: 'Machtsongelijkheid' },
  { key: 'sameTarget', plagen: 'Wisselend ‘slachtofferschap’', pesten: 'Hetzelfde slachtoffer' },
  { key: 'hurtful', plagen: 'Humoristisch', pesten: 'Kwetsend' },
  { key: 'frequency', plagen: 'Af en toe', pesten: 'Vaak / voortdurend' },
] as const;
export type CriterionKey = (typeof CRITERIA)[number]['key'];

export const CHECKLISTS = {
  gepeste: {
    title: 'Begeleiding van de gepeste leerling',
    items: [
      'Medeleven tonen en luisteren en vragen: hoe en door wie wordt er gepest',
      'Nagaan hoe de leerling zelf reageert, wat doet hij/zij voor tijdens en na het pesten',
      'Met de leerling zoeken en oefenen van een andere reactie dan bijvoorbeeld huilen, heel boos worden of je afzonderen',
      'Nagaan welke oplossing de leerling zelf wil',
      'Sterke kanten van de leerling benadrukken',
      'Praten met de ouders van de gepeste leerling en de ouders van de pester(s)',
      'Adviseren van hulp als dit nodig is (SWT, SMW, kindercoaching, schoolverpleegkundige o.i.d.)',
    ],
  },
  pester: {
    title: 'Begeleiding van de pester',
    items: [
      'Praten: zoeken naar de reden van het ruzie maken/ pesten (jaloezie/ verveling/ baas willen zijn etc.)',
      'Laat inzien wat het effect is van het gedrag',
      'In gesprek gaan met de gepeste en excuses aanbieden. Eventueel de ‘prop oefening’ inzetten. Zie: http://www.glim-en-lach.nl/2012/06/mooie-oefening-om-bewust-te-worden-wat-pesten-met-iemand-doet',
      'Positieve kanten van de pester benoemen en bespreken',
      'Schoolafspraken/ pesten is verboden in onze school',
      'Contact tussen ouders en school- elkaar informeren en overleggen (wat is de oorzaak van het pesten?)',
      'Adviseren van hulp als dit nodig is (SWT, SMW, kindercoaching, schoolverpleegkundige o.i.d.)',
    ],
  },
  meeloper: {
    title: 'Begeleiding van de meeloper',
    items: [
      'Praten: zoeken naar de reden van het ruzie maken/ pesten (jaloezie/ verveling/ baas willen zijn etc.)',
      'Laat inzien wat het effect is van het gedrag van meelopen',
      'Schoolafspraken/ pesten is verboden in onze school',
      'De meeloper inzetten om het gepeste kind te ondersteunen/ helpen',
    ],
  },
} as const;
export const CHECKLIST_NAMES = ['gepeste', 'pester', 'meeloper'] as const;

/** What the reporter is told about the case at /volgen; staff choose it. */
export const REPORTER_STATUSES = ['received', 'in_progress', 'closed'] as const;
export type ReporterStatus = (typeof REPORTER_STATUSES)[number];
/** The status as the reporter reads it at /volgen (in Dutch), so staff choose the very words. */
export const REPORTER_STATUS_LABELS: Record<ReporterStatus, string> = {
  received: 'We hebben je melding gekregen.',
  in_progress: 'We zijn ermee bezig.',
  closed: 'Afgerond.',
};

/** Who wrote a message between school and reporter. */
export const MESSAGE_AUTHORS = ['school', 'reporter'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];
