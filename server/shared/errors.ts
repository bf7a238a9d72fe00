// The error vocabulary of every API answer: the browser reads the same codes and body the server sends.

export const ERROR_CODES = [
  'invalid_input',
  'unknown_school',
  'not_found',
  'payload_too_large',
  'too_many_files',
  'unsupported_media_type',
  'image_too_large',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'csrf',
  'conflict',
  'second_factor_required',
  'totp_setup_required',
  'fresh_login_required',
  'storage_full',
  'storage_damaged',
  'storage_unavailable',
  'shutting_down',
  'case_unreadable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every 4xx/5xx answer: `{ error: { code, message, fields } }`, `message` in the user's language. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: Record<string, string> };
}
