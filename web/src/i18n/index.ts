// The current language, and a Lit controller that re-renders its host when it changes. The choice
// lives in the tab only (sessionStorage, never localStorage or a cookie): it carries from the form to
// the receipt and /volgen, and a shared device forgets it with the tab. `?lang=` (the link in a mail
// to a reporter) comes first, then the tab's choice, then the browser's first language when it is one
// we offer beyond Dutch and English: many Dutch families and school Chromebooks run in English, so
// an English browser says little, while an Arabic, Turkish, Polish or Ukrainian one says a lot.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_LANGUAGE, directionOf, isLanguage, pickLanguage, type Language } from '../../../server/shared/languages';
import type { InfoMessages, Messages } from './catalog';

export { LANGUAGES, type Language } from '../../../server/shared/languages';

// Every language is its own file, Dutch too, fetched when it is needed: a page carries the one catalog
// of its language, so each language's page stays within the pupil-form budget. The root components
// (the report page, /volgen) render nothing until it has arrived (catalogReady), so no text appears
// in another language first. The information pages' texts are a file of their own per language,
// fetched when one is opened (requestInfoCatalog). The types make each file fill the Dutch shape.
const LOADERS: Record<Language, () => Promise<{ default: Messages }>> = {
  nl: () => import('./catalogs/nl.json'),
  en: () => import('./catalogs/en.json'),
  ar: () => import('./catalogs/ar.json'),
  tr: () => import('./catalogs/tr.json'),
  pl: () => import('./catalogs/pl.json'),
  uk: () => import('./catalogs/uk.json'),
};
const INFO_LOADERS: Record<Language, () => Promise<{ default: { info: InfoMessages } }>> = {
  nl: () => import('./catalogs/nl.info.json'),
  en: () => import('./catalogs/en.info.json'),
  ar: () => import('./catalogs/ar.info.json'),
  tr: () => import('./catalogs/tr.info.json'),
  pl: () => import('./catalogs/pl.info.json'),
  uk: () => import('./catalogs/uk.info.json'),
};
const MESSAGES: Partial<Record<Language, Messages>> = {};
const INFO: Partial<Record<Language, InfoMessages>> = {};
/** Set once an information page was asked for: from then on a language switch fetches its texts too. */
let infoWanted = false;
const STORAGE_KEY = 'klikvrij-language';

async function load(language: Language): Promise<Messages> {
  const loaded = MESSAGES[language];
  if (loaded) return loaded;
  const messages = (await LOADERS[language]()).default;
  MESSAGES[language] = messages;
  return messages;
}

async function loadInfo(language: Language): Promise<void> {
  INFO[language] ??= (await INFO_LOADERS[language]()).default.info;
}

function storedLanguage(): Language | undefined {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** The tab keeps the language for its next pages. */
function remember(language: Language): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode, full): the choice holds for this page only.
  }
}

function firstLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(asked)) {
    // Kept like a choice in the picker: the receipt's link to /volgen, and /volgen's to a new report,
    // stay in the language the mail's or the school's link opened (they carry no ?lang= of their own).
    remember(asked);
    return asked;
  }
  const browser = pickLanguage(navigator.languages[0] ?? navigator.language);
  return storedLanguage() ?? (browser === 'en' ? undefined : browser) ?? DEFAULT_LANGUAGE;
}

let current: Language = DEFAULT_LANGUAGE;
const listeners = new Set<() => void>();

export function currentLanguage(): Language {
  return current;
}

/** Whether the page's catalog has arrived: until then the root components render nothing. */
export function catalogReady(): boolean {
  return MESSAGES[current] !== undefined;
}

let wanted: Language | undefined;

/** Loads the language's catalog, then switches the document and every component to it. */
async function apply(language: Language): Promise<void> {
  wanted = language;
  const [messages] = await Promise.all([load(language), infoWanted ? loadInfo(language) : undefined]);
  // An information page may have been opened meanwhile: it must find its texts in this language too.
  if (infoWanted) await loadInfo(language);
  // A later choice made while this one loaded wins.
  if (wanted !== language) return;
  current = language;
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  document.title = messages.pageTitle;
  for (const listener of listeners) listener();
}

/** Fetches the information pages' texts in the page's language (and, from then on, in every language chosen). */
export async function requestInfoCatalog(): Promise<void> {
  infoWanted = true;
  const languages = new Set<Language>();
  if (MESSAGES[current]) languages.add(current);
  if (wanted) languages.add(wanted);
  await Promise.all([...languages].map(loadInfo));
}

/** Whether the information pages' texts are there in the page's language. */
export function infoCatalogReady(): boolean {
  return INFO[current] !== undefined;
}

export async function setLanguage(language: Language): Promise<void> {
  if (language === wanted) return;
  remember(language);
  // An address that names a language names the one chosen now, so a reload does not switch back.
  const address = new URL(window.location.href);
  if (address.searchParams.has('lang')) {
    address.searchParams.set('lang', language);
    history.replaceState(history.state, '', address);
  }
  await apply(language);
}

/**
 * `this.i18n.m` gives the strings of the current language; the host re-renders on a switch. A root
 * component returns catalogReady() from shouldUpdate, so `m` is never read before the catalog is there.
 */
export class I18nController implements ReactiveController {
  private readonly refresh = (): void => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get m(): Messages {
    const messages = MESSAGES[current];
    if (!messages) throw new Error('the page rendered before its catalog arrived (a root component must wait for catalogReady)');
    return messages;
  }

  /** The information pages' texts; only after requestInfoCatalog has resolved. */
  get info(): InfoMessages {
    const info = INFO[current];
    if (!info) throw new Error('an information page rendered before its texts arrived (await requestInfoCatalog first)');
    return info;
  }

  hostConnected(): void {
    listeners.add(this.refresh);
  }

  hostDisconnected(): void {
    listeners.delete(this.refresh);
  }
}

if (typeof window !== 'undefined') {
  const language = firstLanguage();
  // A catalog that cannot be fetched (a network hiccup) falls back to Dutch rather than an empty page.
  void apply(language).catch(() => (language === DEFAULT_LANGUAGE ? undefined : apply(DEFAULT_LANGUAGE)));
}
