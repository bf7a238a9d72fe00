// Shared pieces of the safety suite: a raw HTTP client that can choose its source address, the
// documented error shape, row counts, and a byte scanner for "this must appear nowhere".

import { readdir, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { expect } from 'vitest';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request over a real socket. `localAddress` picks the source address on loopback
 * (127.0.0.2, 127.0.0.3, ...), so tests can be several "schools" without a proxy.
 */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    agent?: http.Agent;
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const request = http.request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers },
        ...(options.agent ? { agent: options.agent } : {}),
        ...(options.localAddress && !options.agent ? { localAddress: options.localAddress } : {}),
        timeout: options.timeoutMs ?? 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('response aborted')));
      },
    );
    request.on('timeout', () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

export function postJson(url: string, payload: unknown, options: Parameters<typeof httpRequest>[1] = {}) {
  return httpRequest(url, {
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(payload),
  });
}

export const ERROR_CODES = [
  'invalid_input',
  'unknown_school',
  'not_found',
  'payload_too_large',
  'too_many_files',
  'unsupported_media_type',
  'image_too_large',
  'rate_limited',
] as const;

/** The staff API's codes besides the public ones: no session, not allowed, CSRF, a clash, a second factor owed. */
export const STAFF_ERROR_CODES = [
  ...ERROR_CODES,
  'unauthorized',
  'forbidden',
  'csrf',
  'conflict',
  'second_factor_required',
  'totp_setup_required',
] as const;

/** The documented error shape, exactly: { error: { code, message, fields } } with Dutch text. */
export function expectErrorShape(status: number, rawBody: string, code?: string): void {
  expect(status, rawBody).toBeGreaterThanOrEqual(400);
  expect(status, rawBody).toBeLessThan(500);
  let parsed: unknown;
  expect(() => (parsed = JSON.parse(rawBody)), rawBody).not.toThrow();
  expect(Object.keys(parsed as object)).toEqual(['error']);
  const error = (parsed as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).sort()).toEqual(['code', 'fields', 'message']);
  expect(ERROR_CODES as readonly unknown[]).toContain(error.code);
  if (code) expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.message as string).toMatch(/\S/);
  expect(typeof error.fields).toBe('object');
  expect(error.fields).not.toBeNull();
  for (const value of Object.values(error.fields as object)) expect(typeof value).toBe('string');
}

/** Same check, as a boolean, for property tests that must not throw inside fast-check's loop. */
export function hasErrorShape(rawBody: string, codes: readonly string[] = ERROR_CODES): boolean {
  try {
    const parsed = JSON.parse(rawBody) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
    if (Object.keys(parsed).join() !== 'error') return false;
    const error = (parsed as { error: unknown }).error;
    if (typeof error !== 'object' || error === null) return false;
    if (Object.keys(error).sort().join() !== 'code,fields,message') return false;
    const { code, message, fields } = error as Record<string, unknown>;
    return (
      (codes as readonly unknown[]).includes(code) &&
      typeof message === 'string' &&
      /\S/.test(message) &&
      typeof fields === 'object' &&
      fields !== null &&
      !Array.isArray(fields) &&
      Object.values(fields).every((value) => typeof value === 'string')
    );
  } catch {
    return false;
  }
}

export const TABLES = ['report', 'screenshot', 'message', 'outbox'] as const;
export type RowCounts = Record<(typeof TABLES)[number], number>;

/** One prepared count per table and database: the fuzz counts rows after each of its ~19,000 requests. */
const countStatements = new WeakMap<SQLite.Database, Array<[(typeof TABLES)[number], SQLite.Statement]>>();

export function rowCounts(sqlite: SQLite.Database): RowCounts {
  let statements = countStatements.get(sqlite);
  if (!statements) {
    statements = TABLES.map((table) => [table, sqlite.prepare(`SELECT count(*) AS n FROM ${table}`)]);
    countStatements.set(sqlite, statements);
  }
  const counts = {} as RowCounts;
  for (const [table, statement] of statements) counts[table] = (statement.get() as { n: number }).n;
  return counts;
}

/** Every regular file under a folder, recursively. */
export async function filesUnder(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The encodings a string could hide in on disk: UTF-8 and UTF-16 (both byte orders). */
export function encodings(marker: string): Buffer[] {
  const utf16le = Buffer.from(marker, 'utf16le');
  const utf16be = Buffer.from(utf16le);
  utf16be.swap16();
  return [Buffer.from(marker, 'utf8'), utf16le, utf16be];
}

export interface MarkerHit {
  where: string;
  marker: string;
}

/** Scans files byte by byte for each marker in each encoding; returns every hit. */
export async function scanFiles(files: readonly string[], markers: readonly string[]): Promise<MarkerHit[]> {
  const hits: MarkerHit[] = [];
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    const bytes = await readFile(file);
    for (const marker of markers) {
      if (encodings(marker).some((needle) => bytes.includes(needle))) hits.push({ where: file, marker });
    }
  }
  return hits;
}

export function scanText(where: string, text: string, markers: readonly string[]): MarkerHit[] {
  return markers.filter((marker) => text.includes(marker)).map((marker) => ({ where, marker }));
}
