// Fills a catalog string's {name} placeholders, and picks the plural form for a count.
import { currentLanguage } from './index';

export type Values = Readonly<Record<string, string | number>>;

/** "Vraag {step} van {total}" with { step: 2, total: 9 } gives "Vraag 2 van 9"; unknown names stay as they are. */
export function format(template: string, values: Values): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** A counted phrase: `other` always, and the forms (one, two, few, many, zero) the language needs. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** The form for `count` in the current language (Intl's plural rules), with {count} filled in. */
export function plural(forms: PluralForms, count: number): string {
  const rule = new Intl.PluralRules(currentLanguage()).select(count);
  return format(forms[rule] ?? forms.other, { count });
}
