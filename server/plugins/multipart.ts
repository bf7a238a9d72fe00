import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';
import {
  MAX_MULTIPART_FIELD_BYTES,
  MAX_MULTIPART_FIELDS,
  MAX_MULTIPART_HEADER_PAIRS,
  MAX_MULTIPART_PARTS,
  MAX_SCREENSHOT_BYTES,
  MAX_SCREENSHOTS,
} from '../limits.js';

// Every limit explicit: busboy's defaults (1 MB fields, unlimited parts) are not ours.
export default fp(
  async (app) => {
    await app.register(multipart, {
      throwFileSizeLimit: true,
      limits: {
        fieldNameSize: 100,
        fieldSize: MAX_MULTIPART_FIELD_BYTES,
        fields: MAX_MULTIPART_FIELDS,
        fileSize: MAX_SCREENSHOT_BYTES,
        files: MAX_SCREENSHOTS,
        parts: MAX_MULTIPART_PARTS,
        headerPairs: MAX_MULTIPART_HEADER_PAIRS,
      },
    });
  },
  { name: 'multipart' },
);
