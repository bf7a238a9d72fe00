import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { screenshotTooLarge, tooManyScreenshots } from '../screenshots/sanitize-screenshot.js';

// The multipart plugin's own limit errors, said in words a reporter understands.
const LIMIT_ERRORS: Record<string, () => AppError> = {
  FST_FILES_LIMIT: tooManyScreenshots,
  FST_REQ_FILE_TOO_LARGE: screenshotTooLarge,
  FST_PARTS_LIMIT: tooManyAnswers,
  FST_FIELDS_LIMIT: tooManyAnswers,
};

function tooManyAnswers(): AppError {
  return new AppError('payload_too_large', 'Je bericht heeft te veel antwoorden. Stuur het formulier opnieuw.');
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
    const translate = LIMIT_ERRORS[(error as { code?: string }).code ?? ''];
    throw translate ? translate() : error;
  }
}

async function collectParts(
  request: FastifyRequest,
  options: { fileField: string; listFields: readonly string[] },
): Promise<MultipartBody> {
  const fields: Record<string, string | string[]> = {};
  const files: Buffer[] = [];
  for await (const part of request.parts()) {
    const name = part.fieldname.endsWith('[]') ? part.fieldname.slice(0, -2) : part.fieldname;
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      // A file input left empty still sends a part with no name and no bytes.
      if (part.filename === '' && bytes.length === 0) continue;
      if (name !== options.fileField) {
        throw new AppError('invalid_input', 'Dit bestand hoort hier niet. Stuur plaatjes bij de vraag om plaatjes.');
      }
      files.push(bytes);
      continue;
    }
    if (part.valueTruncated || part.fieldnameTruncated) {
      throw new AppError('payload_too_large', 'Een van je antwoorden is te lang.', { [name]: 'Dit antwoord is te lang.' });
    }
    const value = String(part.value);
    if (options.listFields.includes(name)) {
      const list = fields[name];
      fields[name] = Array.isArray(list) ? [...list, value] : [value];
    } else if (name in fields) {
      throw new AppError('invalid_input', 'Een vraag is twee keer beantwoord.', { [name]: 'Geef hier één antwoord.' });
    } else {
      fields[name] = value;
    }
  }
  return { fields, files };
}
