// The language a request asks for: a `language` field in the body (report, follow-up), else the
// Accept-Language header, else Dutch. Staff and board pages are Dutch only.
import type { FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, isLanguage, pickLanguage, type Language } from '../shared/languages.js';

const DUTCH_ONLY = /^\/(api\/)?(staff|board|beheer)(\/|$|\?)/;

/** Bodies read part by part (multipart): their `language` field, once read. */
const bodyLanguages = new WeakMap<FastifyRequest, Language>();

function languageField(body: unknown): Language | undefined {
  const value = typeof body === 'object' && body !== null ? (body as { language?: unknown }).language : undefined;
  return isLanguage(value) ? value : undefined;
}

/** Remembers the `language` field of a multipart body, for the answer and its errors. */
export function noteBodyLanguage(request: FastifyRequest, fields: unknown): void {
  const language = languageField(fields);
  if (language) bodyLanguages.set(request, language);
}

/** Staff and board routes: their users read Dutch and are told other things than a reporter. */
export function isStaffRequest(request: FastifyRequest): boolean {
  return DUTCH_ONLY.test(request.url);
}

export function requestLanguage(request: FastifyRequest): Language {
  if (isStaffRequest(request)) return DEFAULT_LANGUAGE;
  const header = request.headers['accept-language'];
  return (
    bodyLanguages.get(request) ??
    languageField(request.body) ??
    pickLanguage(Array.isArray(header) ? header.join(',') : header) ??
    DEFAULT_LANGUAGE
  );
}
