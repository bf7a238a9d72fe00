// Fills a catalog string's {name} placeholders, and picks the plural form for a count.
import { formatMessage } from '../../../server/shared/format-message';
import { currentLanguage } from './index';

export { formatMessage as format };

/** A counted phrase: `other` always, and the forms (one, two, few, many, zero) the language needs. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** The form for `count` in the current language (Intl's plural rules), with {count} filled in. */
export function plural(forms: PluralForms, count: number): string {
  const rule = new Intl.PluralRules(currentLanguage()).select(count);
  return formatMessage(forms[rule] ?? forms.other, { count });
}

/**
 * A file name or an address inside a sentence, isolated with FIRST STRONG ISOLATE … POP DIRECTIONAL
 * ISOLATE: in Arabic "1000012345.jpg" (a phone's photo picker names pictures so) no longer reads
 * "jpg.1000012345", and the sentence's own words stay in their order. Plain characters, so messages
 * stay strings (web/src/i18n/bidi.ts isolates numbers in catalog text with markup).
 */
export const isolateName = (name: string): string => `\u2068${name}\u2069`;
