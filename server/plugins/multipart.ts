import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';
import {
  MAX_MULTIPART_FIELD_BYTES,
  MAX_MULTIPART_FIELD_NAME_BYTES,
  MAX_MULTIPART_FIELDS,
  MAX_MULTIPART_HEADER_BYTES,
  MAX_MULTIPART_HEADER_PAIRS,
  MAX_MULTIPART_PARTS,
  MAX_SCREENSHOT_BYTES,
  MAX_SCREENSHOTS,
} from '../shared/limits.js';

// Every limit explicit: busboy's defaults (1 MB fields, unlimited parts) are not ours. busboy cuts
// rather than refuses at fieldNameSize, headerPairs and headerSize; readMultipart refuses those
// itself (see server/http/part-header-guard.ts). headerSize is busboy's own option and missing from
// @fastify/multipart's types, hence the object is built first.
export const MULTIPART_LIMITS = {
  fieldNameSize: MAX_MULTIPART_FIELD_NAME_BYTES,
  fieldSize: MAX_MULTIPART_FIELD_BYTES,
  fields: MAX_MULTIPART_FIELDS,
  fileSize: MAX_SCREENSHOT_BYTES,
  files: MAX_SCREENSHOTS,
  parts: MAX_MULTIPART_PARTS,
  headerPairs: MAX_MULTIPART_HEADER_PAIRS,
  headerSize: MAX_MULTIPART_HEADER_BYTES,
};

export default fp(
  async (app) => {
    await app.register(multipart, { throwFileSizeLimit: true, limits: MULTIPART_LIMITS });
  },
  { name: 'multipart' },
);
