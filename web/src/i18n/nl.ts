// Every Dutch string of the report page. Short sentences: a child of seven must follow them.
// en.ts has the same keys; its type is derived from this file, so a missing key does not compile.
import type { MessageAuthor, ReporterStatus } from '../../../server/shared/protocol';
import type { ContactRole } from '../info/school';
import type { Frequency, Kind, Place, Platform, Question, Recipients, Role, Signal, Voice } from '../report/options';

interface QuestionText {
  legend: string;
  hint: string;
  yes: string;
  no: string;
}

/** The information pages (web/src/info), opened from every page of the report. */
export type InfoTopic = 'pesten' | 'social' | 'contacts' | 'parents';

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
    /** The help line under the page's heading: the number, one tap away. */
    kindertelefoonShort: 'Kindertelefoon: 0800-0432',
    /** The big panel after "ja" to "in gevaar of bang". */
    urgentTitle: 'Bel nu. Je bent niet alleen.',
    call112: 'Bel 112',
    call112Note: 'Bij gevaar. Het is gratis.',
    callKindertelefoon: 'Bel 0800-0432',
    callKindertelefoonNote: 'De Kindertelefoon. Gratis. Je hoeft je naam niet te zeggen.',
    urgentGoOn: 'Maak daarna de vragen af. Dan weet de school dat het snel moet.',
  },
  exit: {
    button: 'Snel weg',
    hint: 'Alles gaat weg. Of druk twee keer op Esc.',
  },
  flow: {
    progress: (step: number, total: number): string => `Vraag ${step} van ${total}`,
    next: 'Verder',
    skip: 'Sla over',
    back: 'Terug',
    /** After "Verander" on the summary: back to the summary. */
    done: 'Klaar',
    optional: 'Dit mag je overslaan.',
  },
  readAloud: {
    listen: 'Lees voor',
    stop: 'Stop',
    /** Pressed where the device has no voice for the language (we never send text away to be read). */
    noVoice: 'Deze computer kan niet voorlezen. Vraag iemand om het voor te lezen.',
  },
  intro: {
    title: 'Melden is geen klikken',
    lead: 'Word je gepest? Of zie je dat een ander gepest wordt? Vertel het hier. Dan kan de school helpen.',
    anonymous: 'Je hoeft je naam niet te geven.',
  },
  required: 'moet',
  counter: (used: number, max: number): string => `${used} van ${max} tekens`,
  pickMore: 'Je mag er meer kiezen.',
  role: {
    legend: 'Wie ben jij?',
    hint: 'Kies wat past.',
    options: {
      self: 'Het gebeurt bij mij',
      bystander: 'Ik zie het bij iemand anders',
      parent: 'Ik ben ouder of verzorger',
      other: 'Iets anders',
    } satisfies Record<Role, string>,
  },
  danger: {
    legend: {
      self: 'Ben je nu in gevaar of bang om naar school te gaan?',
      other: 'Is iemand nu in gevaar of bang om naar school te gaan?',
      parent: 'Is je kind nu in gevaar of bang om naar school te gaan?',
    },
    yes: 'Ja',
    no: 'Nee',
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
      belongings: 'Spullen afpakken of kapot maken',
      cyber: 'Gemeen doen in een app of game',
      threat: 'Bang maken of dreigen',
      other: 'Iets anders',
    } satisfies Record<Kind, string>,
  },
  description: {
    label: 'Vertel wat er gebeurt.',
    hint: 'Schrijf het in je eigen woorden. Een paar woorden is ook goed.',
  },
  places: {
    legend: 'Waar gebeurt het?',
    options: {
      playground: 'Op het plein',
      classroom: 'In de klas',
      corridor: 'In de gang',
      gym: 'Bij gym',
      way_home: 'Op weg naar school of naar huis',
      online: 'Online',
      elsewhere: 'Ergens anders',
    } satisfies Record<Place, string>,
  },
  frequency: {
    legend: 'Hoe vaak gebeurt het?',
    options: {
      once: 'Eén keer',
      sometimes: 'Soms',
      weekly: 'Elke week',
      daily: 'Bijna elke dag',
    } satisfies Record<Frequency, string>,
  },
  questions: {
    unknown: 'Weet ik niet',
    equal: {
      self: {
        legend: 'Zijn jullie even sterk?',
        hint: 'Of is de ander groter of ouder? Of met meer kinderen?',
        yes: 'Ja, even sterk',
        no: 'Nee, de ander is sterker',
      },
      other: {
        legend: 'Zijn ze even sterk?',
        hint: 'Of is de een groter of ouder? Of met meer kinderen?',
        yes: 'Ja, even sterk',
        no: 'Nee, de een is sterker',
      },
    },
    sameTarget: {
      self: {
        legend: 'Gebeurt het steeds bij jou?',
        hint: 'Of ook bij andere kinderen?',
        yes: 'Ja, steeds bij mij',
        no: 'Nee, ook bij anderen',
      },
      other: {
        legend: 'Gebeurt het steeds bij hetzelfde kind?',
        hint: 'Of steeds bij een ander kind?',
        yes: 'Ja, steeds bij hetzelfde kind',
        no: 'Nee, steeds bij een ander',
      },
    },
    hurtful: {
      self: {
        legend: 'Is het een grapje? Of is het gemeen?',
        hint: 'Bij een grapje lach jij ook.',
        yes: 'Het is gemeen',
        no: 'Het is een grapje',
      },
      other: {
        legend: 'Is het een grapje? Of is het gemeen?',
        hint: 'Bij een grapje lacht iedereen.',
        yes: 'Het is gemeen',
        no: 'Het is een grapje',
      },
    },
  } satisfies Record<Question, Record<Voice, QuestionText>> & { unknown: string },
  names: {
    legend: 'Weet je wie het zijn?',
    hint: 'Dit mag je leeg laten.',
    target: 'Bij wie gebeurt het?',
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
    /** The question of the report step; the picker below it has its own label. */
    title: 'Heb je een foto van je scherm?',
    intro: 'Dat heet een screenshot. Dan ziet de school wat er staat.',
    label: 'Voeg screenshots toe',
    hint: (max: number, megabytes: number): string =>
      `Hooguit ${max}. Elk tot ${megabytes} MB. PNG, JPG, WebP of GIF.`,
    pick: 'Kies een plaatje',
    remove: 'Haal weg',
    tooMany: (max: number): string => `Je kunt hooguit ${max} screenshots sturen.`,
    tooBig: (name: string, megabytes: number): string =>
      `${name} is te groot. Een screenshot mag hooguit ${megabytes} MB zijn.`,
    wrongType: (name: string): string => `${name} is geen plaatje. Kies een PNG, JPG, WebP of GIF.`,
  },
  identity: {
    legend: 'Wil je je naam geven?',
    hint: 'Dat hoeft niet. Zonder naam weet de school niet wie je bent.',
    anonymous: 'Nee, zonder naam',
    named: 'Ja, met mijn naam',
    name: 'Je naam',
    group: 'In welke groep zit je?',
    groupHint: 'Ben je ouder? Kies de groep van je kind.',
    groupNone: 'Kies een groep',
    groupOption: (group: string): string => `Groep ${group}`,
    email: 'Je e-mail',
    emailHint: 'Mag leeg blijven. Dan kan de school je mailen.',
    notifyLegend: 'Een mailtje als de school terugschrijft?',
    notifyOnAnswer: 'Ja, stuur mij een mailtje. Wat de school schrijft, staat er niet in.',
  },
  recipients: {
    legend: 'Wie mag dit lezen?',
    hint: 'De vertrouwenspersoon is iemand op school. Die luistert naar je.',
    options: {
      default: 'Iedereen die helpt bij pesten',
      vertrouwenspersoon: 'Alleen de vertrouwenspersoon',
    } satisfies Record<Recipients, string>,
  },
  summary: {
    title: 'Klopt dit?',
    hint: 'Kijk nog één keer. Wil je iets anders? Kies dan Verander.',
    change: 'Verander',
    empty: 'Niet ingevuld',
    pictures: (count: number): string => (count === 1 ? '1 plaatje' : `${count} plaatjes`),
  },
  send: {
    button: 'Verstuur',
    sending: 'Bezig met versturen…',
  },
  errors: {
    summary: 'Er mist nog iets.',
    role: 'Kies wie je bent.',
    description: 'Schrijf eerst wat er gebeurt.',
    descriptionTooLong: (max: number): string => `Je verhaal is te lang. Het mag ${max} tekens zijn.`,
    network: 'Versturen lukte niet. Er is niets weg. Probeer het zo nog een keer.',
  },
  info: {
    nav: 'Meer weten',
    back: 'Terug naar melden',
    report: 'Meld het hier',
    topics: {
      pesten: 'Plagen of pesten?',
      social: 'Afspraken over social media',
      contacts: 'Wie helpt je?',
      parents: 'Voor ouders',
    } satisfies Record<InfoTopic, string>,
    pesten: {
      title: 'Plagen of pesten?',
      lead: 'Plagen is niet hetzelfde als pesten. Plagen gebeurt af en toe. Pesten gebeurt steeds weer.',
      caption: 'Zo zie je het verschil',
      question: 'Vraag',
      plagen: 'Plagen',
      pesten: 'Pesten',
      rows: [
        { question: 'Wie is sterker?', plagen: 'Jullie zijn even sterk.', pesten: 'De een is sterker. Of heeft meer kinderen mee.' },
        { question: 'Bij wie?', plagen: 'Steeds bij een ander.', pesten: 'Steeds bij hetzelfde kind.' },
        { question: 'Hoe voelt het?', plagen: 'Grappig. Jullie lachen samen.', pesten: 'Gemeen. Het doet pijn.' },
        { question: 'Hoe vaak?', plagen: 'Af en toe.', pesten: 'Vaak. Of steeds.' },
      ],
      notYourFault: 'Word je gepest? Dat is nooit jouw schuld.',
      askHelp: 'Melden is geen klikken. Kom je er zelf niet uit? Dan mag je altijd hulp vragen.',
      helpOthers: 'Zie je dat een ander gepest wordt? Vertel het ook. Zo help je mee.',
    },
    social: {
      title: 'Afspraken over social media',
      lead: 'Social media zijn apps als WhatsApp, TikTok en Snapchat. Dit spreken we met elkaar af:',
      rules: [
        'Doe aardig. Ook online.',
        'Praat met elkaar. Praat niet over een ander.',
        'Praat alleen voor jezelf. Doe niet of je een ander bent.',
        'Zet niets online dat een ander pijn doet. Of de school.',
        'In de les mag het alleen als de juf of meester het zegt.',
        'Staat een ander op je foto of filmpje? Vraag eerst of het mag.',
        'Heeft iemand je een geheim verteld? Zet het niet online.',
        'Boos op school? Zeg het tegen de juf of meester. Niet online.',
        'Online pesten, dreigen of gemeen doen mag nooit.',
        'Houd je je niet aan de afspraken? Dan doet de school er iets aan.',
        'Is het heel erg? Dan kan de school naar de politie gaan.',
      ],
      report: 'Zie je online iets dat niet mag? Maak een screenshot. Meld het hier.',
    },
    contacts: {
      title: 'Wie helpt je?',
      lead: 'Je juf of meester helpt je altijd. Op school helpen ook deze mensen.',
      name: 'Naam',
      role: 'Wat doet die?',
      loading: 'Even laden…',
      failed: 'Dat lukte niet. Vraag je juf of meester wie je helpt.',
      roles: {
        'anti-pestcoordinator': 'Anti-pestcoördinator: helpt bij pesten',
        vertrouwenspersoon: 'Vertrouwenspersoon: luistert naar je',
        ib: 'Intern begeleider (IB): helpt als iets moeilijk gaat',
        directeur: 'Directeur: leidt de school',
        mt: 'MT: leidt de school mee',
        orthopedagoog: 'Orthopedagoog: helpt bij leren en gedrag',
        'schoolmaatschappelijk-werker': 'Schoolmaatschappelijk werker: helpt kind en ouders',
      } satisfies Record<ContactRole, string>,
      outside: 'Na school of in het weekend',
    },
    parents: {
      title: 'Voor ouders en verzorgers',
      lead: 'Pesten voorkomen doen school en ouders samen. Hier lees je waar je op kunt letten, en wat de school doet.',
      signalsTitle: 'Signalen van pesten',
      signalsLead: 'Deze signalen kunnen erop wijzen dat je kind gepest wordt:',
      signalsWeigh: 'Eén signaal zegt nog niet alles. Twijfel je? Praat met de leerkracht, of meld het hier.',
      stepsTitle: 'Wat doet de school?',
      stepsLead: 'Bij pesten zet de school deze stappen:',
      steps: [
        { label: 'Stap 1: signaleren', text: 'Kinderen proberen een ruzie eerst samen op te lossen. Stopt het plagen of pesten niet? Dan gaat het kind naar de leerkracht.' },
        { label: 'Stap 2: analyseren', text: 'De leerkracht praat met de kinderen die erbij horen, en luistert naar ieders verhaal.' },
        { label: 'Stap 3a: ouders op school', text: 'Is het pesten? Dan praat de school met de ouders van het gepeste kind en van de pester. Samen zoeken jullie een oplossing. De afspraken komen in het leerlingdossier. De leerkracht informeert een lid van het managementteam (MT).' },
        { label: 'Stap 3b: de klas helpt mee', text: 'De leerkracht bespreekt met de klas wat de kinderen kunnen doen. Er komen afspraken voor als het toch weer gebeurt.' },
        { label: 'Stap 4: het MT', text: 'Gaat het pesten toch door? Dan meldt de leerkracht het bij een MT-lid.' },
        { label: 'Stap 5: hulp van buiten', text: 'Wordt het niet beter? Dan kan de school doorverwijzen naar de GGD, het schoolmaatschappelijk werk of de leerplichtambtenaar.' },
        { label: 'Stap 6: de directeur', text: 'Blijft het pesten doorgaan? Dan kiest de directeur een passende maatregel. In het uiterste geval kan een leerling worden geschorst of verwijderd.' },
      ],
      always: 'De leerkracht helpt altijd het gepeste kind en begeleidt de pester. Ouders worden altijd betrokken. De anti-pestcoördinator en de intern begeleider worden altijd ingelicht.',
      yourPart: 'Als ouder geef je informatie en ideeën, en steun je de aanpak van de school.',
    },
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
    writtenDown: 'Ik heb mijn code opgeschreven',
    print: 'Print',
    followLink: 'Je melding volgen',
    followExplain: 'Op die pagina typ je later deze code in.',
    /** The printed receipt: only the code, the school and how to come back. */
    printTitle: 'Jouw code voor klikvrij',
    printSchool: (school: string): string => `School: ${school}`,
    printHowTo: (url: string): string => `Ga naar ${url} en typ daar deze code. Dan lees je wat de school terugschrijft.`,
    printKeep: 'Bewaar dit briefje goed. Wie de code heeft, kan de berichten lezen.',
  },
  followUp: {
    pageTitle: 'Je melding volgen',
    title: 'Je melding volgen',
    lead: 'Heb je iets gemeld? Typ hier je code. Dan zie je hoe het gaat en wat de school terugschrijft.',
    codeLabel: 'Jouw code',
    codeHint: 'Je code is zes woorden. Bijvoorbeeld: kat-boom-vis-roos-melk-bal.',
    open: 'Bekijk',
    opening: 'Even zoeken…',
    codeEmpty: 'Typ eerst je code.',
    codeShape: 'Een code is zes woorden. Of 16 cijfers. Kijk of je alles goed hebt overgetypt.',
    lostCode:
      'Ben je je code kwijt? Dan kunnen we hem niet terugvinden. Niemand kan dat, ook de school niet. Zo blijft je melding geheim.',
    newReport: 'Maak een nieuwe melding',
    network: 'Dat lukte niet. Is er internet? Probeer het zo nog een keer.',
    /** The server speaks Dutch: its own words are shown as they are. */
    serverMessage: (_code: string, message: string): string => message,
    statusTitle: 'Hoe gaat het met je melding?',
    status: {
      received: 'We hebben je melding gekregen.',
      in_progress: 'We zijn ermee bezig.',
      closed: 'Afgerond.',
    } satisfies Record<ReporterStatus, string>,
    messagesTitle: 'Berichten',
    noMessages: 'Er zijn nog geen berichten. Vraagt de school iets? Dan staat het hier.',
    from: {
      school: 'School',
      reporter: 'Jij',
    } satisfies Record<MessageAuthor, string>,
    onlyPictures: 'Je stuurde een plaatje.',
    answerLabel: 'Schrijf terug aan de school',
    answerHint: 'Je hoeft je naam niet te zeggen.',
    send: 'Verstuur',
    sending: 'Bezig met versturen…',
    sent: 'Je bericht is verstuurd.',
    answerEmpty: 'Schrijf een bericht of kies een plaatje.',
    answerNetwork: 'Versturen lukte niet. Je bericht staat er nog. Probeer het zo nog een keer.',
    doneHint: 'Ben je klaar? Druk dan op Klaar. Dan halen we alles weg van dit scherm.',
    done: 'Klaar',
    cleared: 'Alles is weg van dit scherm. Wil je nog eens kijken? Typ dan je code opnieuw.',
    timedOut:
      'Je deed 10 minuten niets. Daarom hebben we alles weggehaald. Zo kan niemand anders het lezen. Wil je verder? Typ dan je code opnieuw.',
  },
};

/** The shape every language must fill. */
export type Messages = typeof nl;

