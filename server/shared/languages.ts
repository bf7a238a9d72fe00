// The languages a reporter can use: the pages, the server's messages and the mails to a named reporter.
// Dutch is the school's language and the default wherever a request names none.

export const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nl';

/** The locale of each language for dates and the device's voices. */
export const LOCALES: Record<Language, string> = {
  nl: 'nl-NL',
  en: 'en-GB',
  ar: 'ar',
  tr: 'tr-TR',
  pl: 'pl-PL',
  uk: 'uk-UA',
};

/** Each language in its own words and script: the language picker shows these. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'English',
  ar: 'العربية',
  tr: 'Türkçe',
  pl: 'Polski',
  uk: 'Українська',
};

/** For staff, who work in Dutch: which language the reporter used. */
export const LANGUAGE_NAMES_IN_DUTCH: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'Engels',
  ar: 'Arabisch',
  tr: 'Turks',
  pl: 'Pools',
  uk: 'Oekraïens',
};

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** Languages written right to left: the page and mails mirror for them. */
const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar']);

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/** A stored or sent language as one of ours: Dutch for anything else. */
export function toLanguage(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

/**
 * The best language of an Accept-Language header that we speak ("uk-UA,uk;q=0.9,en;q=0.5" gives
 * uk when uk is offered), or undefined when it names none of ours.
 */
export function pickLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  let best: { language: Language; quality: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...parameters] = part.trim().split(';');
    const language = tag.trim().toLowerCase().split('-')[0];
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    if (isLanguage(language) && quality > 0 && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language;
}
