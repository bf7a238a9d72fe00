import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

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
