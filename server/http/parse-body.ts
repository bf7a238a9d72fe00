import type { z } from 'zod';
import { AppError } from '../errors.js';
import { messageKey } from '../shared/server-messages.js';

export const INVALID_INPUT_MESSAGE = messageKey('input.summary');

/**
 * Validates a body with its zod schema; every refused field gets its own message (a catalog key, or Dutch text). With
 * `nestedFields` a field inside a list is named by its whole path (`contacts.0.email`).
 */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  options: { nestedFields?: boolean } = {},
): z.output<Schema> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = options.nestedFields ? issue.path.map(String).join('.') : String(issue.path[0] ?? '');
    if (field && !(field in fields)) fields[field] = issue.message;
  }
  throw new AppError('invalid_input', INVALID_INPUT_MESSAGE, fields);
}
