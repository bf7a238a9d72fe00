// The current language, and a Lit controller that re-renders its host when it changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { nl, type Messages } from './catalog';
import en from './catalogs/en.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const MESSAGES: Record<Language, Messages> = { nl, en };

export function messagesIn(language: Language): Messages {
  return MESSAGES[language];
}

let current: Language = 'nl';
const listeners = new Set<() => void>();

export function currentLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  document.documentElement.lang = language;
  document.title = MESSAGES[language].pageTitle;
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
