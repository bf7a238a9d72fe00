// The current language, and a Lit controller that re-renders its host when it changes. The choice
// lives in the tab only (sessionStorage, never localStorage or a cookie): it carries from the form to
// the receipt and /volgen, and a shared device forgets it with the tab. `?lang=` (the link in a mail
// to a reporter) comes first, then the tab's choice, then the browser's first language when it is one
// we offer beyond Dutch and English: many Dutch families and school Chromebooks run in English, so
// an English browser says little, while an Arabic, Turkish, Polish or Ukrainian one says a lot.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_LANGUAGE, directionOf, isLanguage, pickLanguage, type Language } from '../../../server/shared/languages';
import { nl, type Messages } from './catalog';
import en from './catalogs/en.json';

export { LANGUAGES, type Language } from '../../../server/shared/languages';

const MESSAGES: Record<Language, Messages> = { nl, en };
const STORAGE_KEY = 'klikvrij-language';

function storedLanguage(): Language | undefined {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

function firstLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(asked)) return asked;
  const browser = pickLanguage(navigator.languages[0] ?? navigator.language);
  return storedLanguage() ?? (browser === 'en' ? undefined : browser) ?? DEFAULT_LANGUAGE;
}

let current: Language = DEFAULT_LANGUAGE;
const listeners = new Set<() => void>();

export function currentLanguage(): Language {
  return current;
}

function apply(language: Language): void {
  current = language;
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  document.title = MESSAGES[language].pageTitle;
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  apply(language);
  try {
    sessionStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode, full): the choice holds for this page only.
  }
  for (const listener of listeners) listener();
}

/** `this.i18n.m` gives the strings of the current language; the host re-renders on a switch. */
export class I18nController implements ReactiveController {
  private readonly refresh = (): void => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get m(): Messages {
    return MESSAGES[current];
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
  if (language !== DEFAULT_LANGUAGE) apply(language);
}
