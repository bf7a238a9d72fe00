import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

// Lit's styles use constructable stylesheets, so neither scripts nor styles need 'unsafe-inline'.
const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** No page needs the camera, microphone, location or any device: a screenshot comes as a file. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=()';

/** How long a browser keeps to https once it saw it: a year, the common minimum for preload lists. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

function helmetOptions(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    // Only when the portal is reached over https (PUBLIC_URL): over plain http the header is ignored anyway.
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
  };
}

/**
 * The headers every answer carries: helmet's for our options, plus the Permissions-Policy. None of them
 * depends on the request (no CSP nonces), so helmet runs once here, into a plain object, instead of per
 * request (which @fastify/helmet did, parsing the CSP directives again for every answer).
 */
export function securityHeaders(https: boolean): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    // X-Powered-By, which neither Node nor Fastify sets.
    removeHeader: () => undefined,
  };
  helmet(helmetOptions(https))({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  headers['permissions-policy'] = PERMISSIONS_POLICY;
  return Object.freeze(headers);
}

export default fp<{ https: boolean }>(
  async (app, { https }) => {
    const headers = securityHeaders(https);
    // Set at the start, so that every answer has them, errors included.
    app.addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
  },
  { name: 'security-headers' },
);
