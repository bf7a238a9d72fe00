// The Dutch catalog is the source: its shape is the type every other language's catalog must fill.
// Catalogs are plain nested JSON with {name} placeholders (see README, "Languages"); the checks
// below tie their option lists to the values the form and the server use, so a renamed or missing
// option does not compile.
import type { MessageAuthor, ReporterStatus } from '../../../server/shared/protocol';
import type { ContactRole } from '../info/school';
import type { Frequency, Kind, Place, Platform, Question, Recipients, Role, Signal, Since, Voice } from '../report/options';
// Types only: the catalogs are fetched one at a time (index.ts), Dutch like the others. Each language
// has two files: <code>.json, what the pages draw at once, and <code>.info.json, the information pages'
// texts, fetched when one is opened (they are a third of a catalog's weight).
import type nl from './catalogs/nl.json';
import type nlInfo from './catalogs/nl.info.json';

/** The shape every language must fill. */
export type Messages = typeof nl;
/** The information pages' texts: the shape every language's <code>.info.json must fill. */
export type InfoMessages = (typeof nlInfo)['info'];

/** The information pages (web/src/info), opened from every page of the report. */
export type InfoTopic = keyof Messages['info']['topics'];

interface QuestionText {
  legend: string;
  hint: string;
  yes: string;
  no: string;
}

/** `T` has the shape `Shape` (the type fails to resolve otherwise). */
type Fills<Shape, T extends Shape> = T;
/** `T` has a string (or a section) for every `K`. */
type Covers<K extends string, T extends Record<K, unknown>> = T;

export type CatalogCovers = [
  Covers<Role, Messages['role']['options']>,
  Covers<Signal, Messages['signals']['options']>,
  Covers<Kind, Messages['kinds']['options']>,
  Covers<Place, Messages['places']['options']>,
  Covers<Frequency, Messages['frequency']['options']>,
  Covers<Since, Messages['since']['options']>,
  Covers<Question, Messages['questions']>,
  Covers<Voice, Messages['questions'][Question]>,
  Fills<QuestionText, Messages['questions'][Question][Voice]>,
  Covers<Platform, Messages['platforms']['options']>,
  Covers<Recipients, Messages['recipients']['options']>,
  Covers<ContactRole, InfoMessages['contacts']['roles']>,
  Covers<ReporterStatus, Messages['followUp']['status']>,
  Covers<MessageAuthor, Messages['followUp']['from']>,
];
