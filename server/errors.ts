// One error type for everything a client did wrong: it renders as { error: { code, message, fields } }
// with a message a child or parent can act on, in the request's language. A message is a key of the
// server's catalogs (server/shared/server-messages.ts) or, for staff and board pages, Dutch text.

import type { ErrorBody, ErrorCode } from './shared/errors.js';
import type { MessageValues } from './shared/format-message.js';
import { DEFAULT_LANGUAGE, type Language } from './shared/languages.js';
import { localize } from './shared/server-messages.js';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_school: 400,
  not_found: 404,
  payload_too_large: 413,
  too_many_files: 413,
  unsupported_media_type: 415,
  image_too_large: 413,
  rate_limited: 429,
  unauthorized: 401,
  forbidden: 403,
  csrf: 403,
  conflict: 409,
  second_factor_required: 401,
  totp_setup_required: 403,
  fresh_login_required: 403,
  storage_full: 503,
  storage_damaged: 503,
  storage_unavailable: 503,
  shutting_down: 503,
  // The request is sound and nothing went wrong while answering it: the stored case is in a state
  // that cannot be opened (server/health/database-integrity.ts), and trying again does not help.
  case_unreadable: 409,
  internal: 500,
};

export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Placeholders of the messages beyond the limits (a file's name). */
    readonly values: MessageValues = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = STATUS_BY_CODE[code];
  }

  toBody(language: Language = DEFAULT_LANGUAGE): ErrorBody {
    const say = (text: string): string => localize(text, language, this.values);
    const fields = Object.fromEntries(Object.entries(this.fields).map(([field, text]) => [field, say(text)]));
    return { error: { code: this.code, message: say(this.message), fields } };
  }
}
