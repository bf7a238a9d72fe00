import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;
/** Brotli quality for answers made per request; the built pages are compressed ahead at 11. */
const BROTLI_QUALITY = 5;
const ENCODINGS = ['br', 'gzip'];
const COMPRESSIBLE = /^(application\/json|text\/)/;
/**
 * An answer that holds a secret (CSRF token, TOTP secret, receipt code, a token) is never compressed.
 * Compressed size leaks how much of a guess matches text elsewhere in the answer (BREACH); with the
 * secret never compressed, no answer mixes it with text a reporter chose.
 */
const SECRET_FIELD = /"(csrfToken|secret\w*|receipt\w*|\w*[tT]oken|recoveryCodes|uri)"\s*:/;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

function compress(encoding: 'br' | 'gzip', payload: string | Buffer): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(payload);
  const size = Buffer.byteLength(payload);
  return brotli(payload, {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: size },
  });
}

/** A cache must keep the compressed and the plain answer apart. */
function varyOnEncoding(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  if (vary === undefined) reply.header('vary', 'accept-encoding');
  else if (!/accept-encoding/i.test(String(vary))) reply.header('vary', `${String(vary)}, accept-encoding`);
}

/**
 * Compresses the answers the app makes itself (JSON, HTML, CSV) with brotli or gzip, as the client
 * asks. The built pages go from memory as their precompressed copies (plugins/web-pages.ts).
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      if (reply.hasHeader('content-encoding')) return payload;
      if (!COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
      if (Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload;
      if (SECRET_FIELD.test(payload.toString())) return payload;
      varyOnEncoding(reply);
      const encoding = negotiate(request.headers['accept-encoding'] ?? '', ENCODINGS);
      if (encoding !== 'br' && encoding !== 'gzip') return payload;
      reply.header('content-encoding', encoding);
      return compress(encoding, payload);
    });
  },
  { name: 'compression' },
);
