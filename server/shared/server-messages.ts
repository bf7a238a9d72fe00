// Every message the server can send a reporter, in every language of the pages: one JSON catalog per
// language in server-messages/, Dutch (nl.json) being the source. Code names a message by its key
// (`messageKey('report.role')`); the answer puts it in the request's language (server/errors.ts).
// Staff and board pages are Dutch only: their messages stay Dutch text in the code.
import type { ErrorCode } from './errors.js';
import { formatMessage, type MessageValues } from './format-message.js';
import { DEFAULT_LANGUAGE, type Language } from './languages.js';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_SCREENSHOT_BYTES,
  MAX_SCREENSHOTS,
  MAX_SHORT_TEXT_LENGTH,
} from './limits.js';
import ar from './server-messages/ar.json' with { type: 'json' };
import en from './server-messages/en.json' with { type: 'json' };
import nl from './server-messages/nl.json' with { type: 'json' };
import pl from './server-messages/pl.json' with { type: 'json' };
import tr from './server-messages/tr.json' with { type: 'json' };
import uk from './server-messages/uk.json' with { type: 'json' };

export type ServerCatalog = typeof nl;

/** `Record<ErrorCode, …>`: every error code has a general message (the type fails otherwise). */
type CoversCodes<T extends Record<ErrorCode, string>> = T;
export type ServerCatalogCodes = CoversCodes<ServerCatalog['codes']>;

type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** "report.role", "mail.reporterNotice.subject": the path of one message in a catalog. */
export type ServerMessageKey = KeysOf<ServerCatalog>;

export const SERVER_MESSAGES: Record<Language, ServerCatalog> = { nl, en, ar, tr, pl, uk };

/** The limits a message may name ("{maxShortText}"), filled in every language alike. */
export const MESSAGE_LIMITS: MessageValues = {
  maxShortText: MAX_SHORT_TEXT_LENGTH,
  maxDescription: MAX_DESCRIPTION_LENGTH,
  maxMessage: MAX_MESSAGE_LENGTH,
  maxScreenshots: MAX_SCREENSHOTS,
  maxScreenshotMegabytes: MAX_SCREENSHOT_BYTES / (1024 * 1024),
};

/** A message by its key, checked at compile time; the key is what travels until the answer is written. */
export function messageKey<Key extends ServerMessageKey>(key: Key): Key {
  return key;
}

function lookUp(catalog: ServerCatalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * `text` in `language`: a message key becomes that language's message (Dutch if the language lacks
 * it) with limits and `values` filled in; any other text (staff messages) stays as it is.
 */
export function localize(text: string, language: Language, values: MessageValues = {}): string {
  const template = lookUp(SERVER_MESSAGES[language], text) ?? lookUp(SERVER_MESSAGES[DEFAULT_LANGUAGE], text);
  return template === undefined ? text : formatMessage(template, { ...MESSAGE_LIMITS, ...values });
}
