// Every Dutch string of the report page. Short sentences: a child of seven must follow them.
// en.ts has the same keys; its type is derived from this file, so a missing key does not compile.
import type { Frequency, Kind, Place, Platform, Question, Recipients, Role, Signal } from '../report/options';

interface QuestionText {
  legend: string;
  legendSelf: string;
  hint: string;
  yes: string;
  no: string;
}

export const nl = {
  pageTitle: 'Melden is geen klikken',
  language: {
    label: 'Taal',
    nl: 'Nederlands',
    en: 'English',
  },
  help: {
    label: 'Hulp',
    danger: 'Ben je nu in gevaar? Bel 112.',
    kindertelefoon: 'De Kindertelefoon: bel gratis 0800-0432.',
    kindertelefoonNote: 'Je hoeft je naam niet te zeggen.',
  },
  intro: {
    title: 'Melden is geen klikken',
    lead: 'Word je gepest? Of zie je dat een ander gepest wordt? Vertel het hier. Dan kan de school helpen.',
    anonymous: 'Je hoeft je naam niet te geven.',
    required: 'Je hoeft niet alles in te vullen. Vragen met "moet" wel.',
  },
  required: 'moet',
  counter: (used: number, max: number): string => `${used} van ${max} tekens`,
  pickMore: 'Je mag er meer kiezen.',
  role: {
    legend: 'Wie ben jij?',
    options: {
      self: 'Het gebeurt bij mij',
      bystander: 'Ik zie het bij iemand anders',
      parent: 'Ik ben ouder of verzorger',
      other: 'Iets anders',
    } satisfies Record<Role, string>,
  },
  signals: {
    legend: 'Zie je een van deze signalen bij je kind?',
    hint: 'Kies wat past. Het gaat mee met je verhaal.',
    /** Starts the line that carries the ticked signals inside the description. */
    prefix: 'Signalen',
    options: {
      alone: 'Staat vaak alleen in de pauze, of bij de pleinwacht',
      youngerChildren: 'Speelt vaak met jongere kinderen',
      blamed: 'Krijgt zonder reden de schuld',
      gossip: 'Veel roddelen of schreeuwen in de groep',
      remarks: 'Anderen zeggen nare dingen over familie, kleren of haar',
      mistakes: 'Anderen doen naarder over een fout van je kind dan bij een ander',
      avoidsSchool: 'Wil niet meer naar school, of zegt zich ziek te voelen',
      irritable: 'Is gauw boos of prikkelbaar',
      staysInside: 'Wil niet meer buiten spelen en blijft binnen',
      belongings: 'Spullen worden verstopt, kapotgemaakt of afgepakt',
      threatsOnline: 'Wordt bedreigd via sociale media of apps',
    } satisfies Record<Signal, string>,
  },
  kinds: {
    legend: 'Wat gebeurt er?',
    options: {
      physical: 'Slaan, schoppen of duwen',
      verbal: 'Schelden of uitlachen',
      exclusion: 'Niet mee mogen doen',
      belongings: 'Spullen afpakken of kapotmaken',
      cyber: 'Gemeen doen met de telefoon of computer',
      threat: 'Bang maken of dreigen',
      other: 'Iets anders',
    } satisfies Record<Kind, string>,
  },
  description: {
    label: 'Vertel wat er gebeurd is.',
    hint: 'Schrijf het in je eigen woorden.',
  },
  places: {
    legend: 'Waar gebeurt het?',
    options: {
      playground: 'Op het plein',
      classroom: 'In de klas',
      corridor: 'In de gang',
      gym: 'Bij gym',
      way_home: 'Onderweg naar huis of school',
      online: 'Online',
      elsewhere: 'Ergens anders',
    } satisfies Record<Place, string>,
  },
  frequency: {
    legend: 'Hoe vaak gebeurt het?',
    options: {
      once: 'Eén keer',
      sometimes: 'Af en toe',
      weekly: 'Elke week',
      daily: 'Bijna elke dag',
    } satisfies Record<Frequency, string>,
  },
  questions: {
    unknown: 'Weet ik niet',
    equal: {
      legend: 'Zijn ze even sterk?',
      legendSelf: 'Zijn jullie even sterk?',
      hint: 'Of is de een groter, ouder, of met meer kinderen?',
      yes: 'Ja, even sterk',
      no: 'Nee',
    },
    sameTarget: {
      legend: 'Gebeurt het steeds bij hetzelfde kind?',
      legendSelf: 'Gebeurt het steeds bij jou?',
      hint: '',
      yes: 'Ja',
      no: 'Nee',
    },
    hurtful: {
      legend: 'Is het gemeen of doet het pijn?',
      legendSelf: 'Is het gemeen of doet het pijn?',
      hint: '',
      yes: 'Ja, het is gemeen of doet pijn',
      no: 'Nee, het is grappig',
    },
  } satisfies Record<Question, QuestionText> & { unknown: string },
  names: {
    legend: 'Weet je wie het zijn?',
    hint: 'Dit mag je leeg laten.',
    target: 'Wie wordt er gepest?',
    perpetrators: 'Wie doet het?',
  },
  platforms: {
    legend: 'Waar online gebeurt het?',
    options: {
      whatsapp: 'WhatsApp',
      tiktok: 'TikTok',
      snapchat: 'Snapchat',
      instagram: 'Instagram',
      youtube: 'YouTube',
      facebook: 'Facebook',
      game: 'Een game',
      other: 'Iets anders',
    } satisfies Record<Platform, string>,
  },
  screenshots: {
    label: 'Heb je screenshots? Voeg ze hier toe.',
    hint: (max: number, megabytes: number): string =>
      `Een screenshot is een foto van je scherm. PNG, JPG, WebP of GIF. Hooguit ${max}, elk tot ${megabytes} MB.`,
    pick: 'Kies screenshots',
    remove: 'Haal weg',
    tooMany: (max: number): string => `Je kunt hooguit ${max} screenshots sturen.`,
    tooBig: (name: string, megabytes: number): string =>
      `${name} is te groot. Een screenshot mag hooguit ${megabytes} MB zijn.`,
    wrongType: (name: string): string => `${name} is geen plaatje. Kies een PNG, JPG, WebP of GIF.`,
  },
  identity: {
    legend: 'Wil je je naam geven?',
    hint: 'Dat hoeft niet. Zonder naam weet de school niet wie dit stuurt.',
    anonymous: 'Nee, ik blijf anoniem',
    named: 'Ja, ik geef mijn naam',
    name: 'Je naam',
    group: 'In welke groep zit je?',
    groupHint: 'Ben je ouder? Kies de groep van je kind.',
    groupNone: 'Kies een groep',
    groupOption: (group: string): string => `Groep ${group}`,
    email: 'Je e-mailadres',
    emailHint: 'Mag je leeg laten. Dan kan de school je mailen.',
  },
  recipients: {
    legend: 'Wie mag dit lezen?',
    hint: 'De anti-pestcoördinator helpt tegen pesten. De vertrouwenspersoon is iemand op school die je kunt vertrouwen.',
    options: {
      default: 'De anti-pestcoördinator en de vertrouwenspersoon',
      vertrouwenspersoon: 'Alleen de vertrouwenspersoon',
    } satisfies Record<Recipients, string>,
  },
  send: {
    button: 'Verstuur',
    sending: 'Bezig met versturen…',
  },
  errors: {
    summary: 'Er mist nog iets. Kijk bij de vragen hieronder.',
    role: 'Kies wie je bent.',
    description: 'Vertel wat er gebeurd is.',
    descriptionTooLong: (max: number): string => `Je verhaal is te lang. Het mag ${max} tekens zijn.`,
    network: 'Versturen lukte niet. Er is niets weg: alles wat je typte staat er nog. Probeer het zo nog een keer.',
  },
  receipt: {
    title: 'Je melding is verstuurd. Dank je wel!',
    thanks: 'Melden is geen klikken. Goed dat je het vertelt.',
    codeLabel: 'Jouw code',
    copy: 'Kopieer',
    copied: 'Gekopieerd!',
    copyFallback: 'De code is gekozen. Druk op Ctrl en C om te kopiëren.',
    writeDown: 'Schrijf deze code op. Je ziet hem maar één keer.',
    explain: 'Met deze code kun je later terugkomen. Dan lees je wat de school terugschrijft.',
  },
};

/** The shape every language must fill. */
export type Messages = typeof nl;

