import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { messageKey } from '../shared/server-messages.js';
import { MAX_MULTIPART_FIELD_NAME_BYTES, MAX_MULTIPART_HEADER_BYTES, MAX_MULTIPART_HEADER_PAIRS } from '../shared/limits.js';
import { screenshotTooLarge, tooManyScreenshots } from '../screenshots/sanitize-screenshot.js';
import { multipartBoundary, PartHeaderGuard } from './part-header-guard.js';
import { noteBodyLanguage } from './request-language.js';

// The multipart plugin's own limit errors, said in words a reporter understands.
const LIMIT_ERRORS: Record<string, () => AppError> = {
  FST_FILES_LIMIT: tooManyScreenshots,
  FST_REQ_FILE_TOO_LARGE: screenshotTooLarge,
  FST_PARTS_LIMIT: tooManyAnswers,
  FST_FIELDS_LIMIT: tooManyAnswers,
};

function tooManyAnswers(): AppError {
  return new AppError('payload_too_large', messageKey('upload.tooManyParts'));
}

function partTooLarge(): AppError {
  return new AppError('payload_too_large', messageKey('upload.partTooLarge'));
}

/** A body busboy cannot read (cut off, no or another boundary): the sender's bytes, so a 400, never a 500. */
function unreadableForm(): AppError {
  return new AppError('invalid_input', messageKey('upload.malformed'));
}

export interface MultipartBody {
  fields: Record<string, string | string[]>;
  files: Buffer[];
}

/**
 * Reads a multipart body into plain fields and the files of one field. List fields are always
 * arrays, whether the browser repeated `kinds` or sent `kinds[]`. A field that busboy cut at its
 * size limit is refused: a report is never stored shortened.
 */
export async function readMultipart(
  request: FastifyRequest,
  options: { fileField: string; listFields: readonly string[] },
): Promise<MultipartBody> {
  try {
    return await collectParts(request, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const translate = LIMIT_ERRORS[(error as { code?: string }).code ?? ''];
    // Anything else busboy or the plugin throws (cut-off body, JSON part that is no JSON, a field
    // named like a prototype property) is about the sender's bytes: a 400, not a 406 or a 500.
    throw translate ? translate() : unreadableForm();
  }
}

async function collectParts(
  request: FastifyRequest,
  options: { fileField: string; listFields: readonly string[] },
): Promise<MultipartBody> {
  const boundary = multipartBoundary(request.headers['content-type']);
  if (boundary === null) throw unreadableForm();
  // The guard reads the same bytes as busboy, alongside it: both listeners are attached in this tick,
  // before the body flows. A part it finds wrong ends the wait for busboy at once: busboy itself may
  // never finish such a body.
  const guard = new PartHeaderGuard(boundary, { pairs: MAX_MULTIPART_HEADER_PAIRS, bytes: MAX_MULTIPART_HEADER_BYTES });
  const refused = new Promise<never>((_, reject) => {
    guard.onProblem = (problem) => reject(problem === 'not-form-data' ? unreadableForm() : partTooLarge());
  });
  refused.catch(() => undefined);
  const observe = (chunk: Buffer | string) => guard.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const parts = request.parts()[Symbol.asyncIterator]();
  request.raw.on('data', observe);

  const fields: Record<string, string | string[]> = {};
  const files: Buffer[] = [];
  try {
    for (;;) {
      const next = await Promise.race([parts.next(), refused]);
      if (next.done) break;
      const part = next.value;
      if (Buffer.byteLength(part.fieldname) > MAX_MULTIPART_FIELD_NAME_BYTES) throw partTooLarge();
      const name = part.fieldname.endsWith('[]') ? part.fieldname.slice(0, -2) : part.fieldname;
      if (part.type === 'file') {
        const bytes = await Promise.race([part.toBuffer(), refused]).catch((error: unknown) => {
          // Which file was too large, so the reporter can take that one out.
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw screenshotTooLarge(files.length);
          throw error;
        });
        // A file input left empty still sends a part with no name and no bytes.
        if (part.filename === '' && bytes.length === 0) continue;
        if (name !== options.fileField) {
          throw new AppError('invalid_input', messageKey('upload.fileNotHere'));
        }
        files.push(bytes);
        continue;
      }
      if (part.valueTruncated || part.fieldnameTruncated) {
        throw new AppError('payload_too_large', messageKey('upload.answerTooLong'), { [name]: messageKey('upload.answerTooLongField') });
      }
      const value = String(part.value);
      if (options.listFields.includes(name)) {
        const list = fields[name];
        fields[name] = Array.isArray(list) ? [...list, value] : [value];
      } else if (Object.hasOwn(fields, name)) {
        throw new AppError('invalid_input', messageKey('upload.answeredTwice'), { [name]: messageKey('upload.answeredTwiceField') });
      } else {
        fields[name] = value;
        // Errors about later parts are already worded in the form's language.
        if (name === 'language') noteBodyLanguage(request, fields);
      }
    }
    // busboy may finish before the guard has read the last chunk's header: ask once more.
    if (guard.exceeded) await refused;
  } finally {
    request.raw.off('data', observe);
  }
  return { fields, files };
}
