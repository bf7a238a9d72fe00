import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETENTION_MONTHS,
  HEADERS_TIMEOUT_MS,
  REPORT_RATE_LIMIT,
  UPLOAD_MIB_PER_ADDRESS_PER_DAY,
  UPLOAD_MIB_PER_SCHOOL_PER_DAY,
} from './shared/limits.js';
import type { SmtpOAuth, SmtpTls } from './notifications/mail-transport.js';
import { DEFAULT_OIDC_MFA_ACR, entraIssuerProblem, isMicrosoftIssuer } from './staff-auth/oidc-claims.js';
import { DEFAULT_SCHOOLS } from './schools/default-schools.js';
import { SchoolsFileSchema, type ParsedSchoolsFile } from './schools/schools-file.js';

/** The scope of an app-only token for Exchange Online's SMTP (SMTP.SendAsApp). */
export const MICROSOFT_365_SMTP_SCOPE = 'https://outlook.office365.com/.default';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** An address, a range (10.0.0.0/8, 10.0.0.0/255.0.0.0) or a name for a range, as Fastify's trustProxy reads them. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', range, ...rest] = entry.split('/');
  const version = isIP(address);
  if (rest.length > 0 || version === 0) return false;
  if (range === undefined) return true;
  // A prefix from 1 to the address's bits (10.0.0.0/33 is a typo; /0 Fastify refuses), or for IPv4 a mask of leading ones.
  if (/^\d{1,3}$/.test(range)) return Number(range) >= 1 && Number(range) <= (version === 4 ? 32 : 128);
  return version === 4 && isIP(range) === 4 && isNetmask(range);
}

/** 255.255.0.0 is a mask; 255.0.255.0 is not (its ones must lead), nor 0.0.0.0 (no ones at all). */
function isNetmask(mask: string): boolean {
  const bits = mask.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
  const hostBits = ~bits >>> 0;
  return bits !== 0 && ((hostBits + 1) & hostBits) === 0;
}

const Environment = z.object({
  // From 1: PORT=0 (or PORT= with nothing after it) would listen on a port the system picks, which no link names.
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:password@host:port/database: the database on PostgreSQL instead of the SQLite file in DATA_DIR. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'use postgres://user:password@host:port/database' })
    .optional(),
  /** smtp://host[:port] (STARTTLS when offered) or smtps://host[:port] (TLS from the start). */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, hostname: /./, error: 'use smtp://host:port or smtps://host:port, e.g. smtp://mail.school.nl:587' })
    .optional(),
  /** PEM file of the CA (or the self-signed certificate) of a mail server with a private certificate. */
  SMTP_CA_FILE: z.string().min(1).optional(),
  /** 'true' turns certificate checks off for SMTP: only for a relay on the same trusted network. */
  SMTP_TLS_INSECURE: z.enum(['true', 'false']).default('false'),
  /** XOAUTH2 through the client credentials grant (Microsoft 365); the first three together. */
  SMTP_OAUTH_TOKEN_URL: z.url().optional(),
  SMTP_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  SMTP_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  SMTP_OAUTH_SCOPE: z.string().min(1).default(MICROSOFT_365_SMTP_SCOPE),
  /** XOAUTH2 as a Google Workspace service account: the JSON key file Google gives. */
  SMTP_OAUTH_GOOGLE_KEY_FILE: z.string().min(1).optional(),
  /** The links in every mail start with it: a scheme a browser does not open (htps://) would break each one. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, hostname: /./, error: 'use https://host (http:// only on a test machine), e.g. https://meld.school.nl' })
    // The pages, their scripts and the cookies live at the root of the host: under a path no link would open.
    // A value that is no URL at all is left to the check above, which names it: new URL() would throw.
    .refine((value) => !URL.canParse(value) || (['', '/'].includes(new URL(value).pathname) && !value.includes('?') && !value.includes('#')), {
      error: 'the portal runs at the root of its host: use https://meld.school.nl, without a path after it',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .refine((value) => z.email().safeParse(/<([^<>]*)>\s*$/.exec(value)?.[1] ?? value.trim()).success, {
      error: 'use an address, or a name and an address, e.g. klikvrij <no-reply@school.nl>',
    })
    .default('klikvrij <no-reply@klikvrij.local>'),
  SCHOOLS_FILE: z.string().min(1).optional(),
  /** Addresses (comma-separated) that are board admins at every start: the way a board's first admin gets in. */
  BOARD_ADMINS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((address) => address.trim()).filter(Boolean))
    .pipe(z.array(z.email('Geen geldig e-mailadres in BOARD_ADMINS.'))),
  /** Only behind a reverse proxy: the proxy addresses (comma-separated) whose X-Forwarded-For is believed. */
  TRUST_PROXY: z
    .string()
    .min(1)
    .refine((value) => value.split(',').every((entry) => isProxyAddress(entry.trim())), {
      error: 'use the proxy\'s addresses, comma-separated (127.0.0.1, 10.0.0.0/8, loopback)',
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Months a closed case is kept before its content is deleted. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(DEFAULT_RETENTION_MONTHS),
  /**
   * Reports per address per window (REPORT_RATE_WINDOW_MS). Default REPORT_RATE_LIMIT; raise it only
   * when many classes share one address, or for the load benchmarks (npm run bench).
   */
  RATE_LIMIT_REPORTS: z.coerce.number().int().min(1).default(REPORT_RATE_LIMIT),
  /** Screenshot MiB (as uploaded) per client address and per school per day. */
  UPLOAD_MIB_PER_ADDRESS_DAY: z.coerce.number().int().min(1).default(UPLOAD_MIB_PER_ADDRESS_PER_DAY),
  UPLOAD_MIB_PER_SCHOOL_DAY: z.coerce.number().int().min(1).default(UPLOAD_MIB_PER_SCHOOL_PER_DAY),
  /** Seconds a client may take to send one whole request, uploads included; never below the headers' timeout. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(HEADERS_TIMEOUT_MS / 1000).max(3600).default(DEFAULT_REQUEST_TIMEOUT_MS / 1000),
  /** Staff sign-in through the school's OpenID Connect provider; all three or none. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * 'true' only for a provider that hands on addresses from the school's own directory without an
   * email_verified claim (Entree Federatie): then its `email` claim counts as verified.
   */
  OIDC_TRUST_EMAIL: z.enum(['true', 'false']).default('false'),
  /** `acr` values (comma-separated) that mean MFA was used, besides `mfa` in `amr`. */
  OIDC_MFA_ACR: z.string().default(DEFAULT_OIDC_MFA_ACR.join(',')),
  /** A secret the operator's monitor sends (Authorization: Bearer …) to get the detailed /healthz. */
  HEALTH_TOKEN: z.string().min(24, 'at least 24 characters (e.g. openssl rand -hex 24)').optional(),
  /** The master key of case content (server/case-keys.ts), when not DATA_DIR/master-key: a file every app server mounts. */
  MASTER_KEY_FILE: z.string().min(1).optional(),
});

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly trustEmail: boolean;
  readonly mfaAcrValues: readonly string[];
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL to store everything in; undefined: the SQLite file in dataDir. */
  readonly databaseUrl: string | undefined;
  /** MASTER_KEY_FILE, absolute; undefined: DATA_DIR/master-key, made on the first start. */
  readonly masterKeyFile?: string | undefined;
  readonly smtpUrl: string | undefined;
  /** Log in at SMTP_URL with OAuth2 (XOAUTH2) instead of a password; undefined for password or none. */
  readonly smtpOAuth: SmtpOAuth | undefined;
  /** How the mail server's certificate is checked (SMTP_CA_FILE, SMTP_TLS_INSECURE). */
  readonly smtpTls: SmtpTls;
  readonly publicUrl: string;
  readonly mailFrom: string;
  readonly trustProxy: string | undefined;
  readonly logLevel: z.infer<typeof Environment>['LOG_LEVEL'];
  readonly retentionMonths: number;
  /** Reports one address may send per REPORT_RATE_WINDOW_MS. */
  readonly reportRateLimit: number;
  readonly uploadQuotas: { perAddressBytes: number; perSchoolBytes: number };
  /** Milliseconds a client may take to send one whole request. */
  readonly requestTimeoutMs: number;
  /** Unlocks the detailed operator answer of /healthz; without it only up/down is ever told. */
  readonly healthToken: string | undefined;
  /**
   * The schools file (or the seed's table), checked at start. It is imported into the database on
   * the first start only; from then on the database holds the schools (server/schools/school-directory.ts).
   */
  readonly schoolsImport: ParsedSchoolsFile;
  /** BOARD_ADMINS: board admins at every start. */
  readonly boardAdmins: readonly string[];
  /** Staff sign-in through OpenID Connect; undefined when OIDC_ISSUER is not set. */
  readonly oidc: OidcSettings | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describeIssues(source: string, error: z.ZodError, knownKeys: ReadonlySet<string> = new Set()): string {
  const lines = error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [`  - ${issue.path.join('.') || '(root)'}: ${issue.message}`];
    return issue.keys.map((key) => {
      const hint = closestKey(key, knownKeys);
      return `  - ${[...issue.path, key].join('.')}: unknown key${hint ? `; did you mean ${hint}?` : ''}`;
    });
  });
  return `Invalid configuration in ${source}:\n${[...new Set(lines)].join('\n')}`;
}

/** Every object key a schema knows, at any depth: the candidates for "did you mean". */
function keysOf(schema: z.core.$ZodType, into = new Set<string>()): Set<string> {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'object') {
    for (const [key, field] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
      into.add(key);
      keysOf(field, into);
    }
  }
  for (const inner of ['element', 'innerType', 'in', 'out'] as const) {
    if (def[inner]) keysOf(def[inner] as z.core.$ZodType, into);
  }
  return into;
}

/** A known key the same but for case, or at most two letters off. */
function closestKey(key: string, known: ReadonlySet<string>): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(candidate, key);
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const SCHOOLS_FILE_KEYS = keysOf(SchoolsFileSchema);

export function parseSchools(raw: unknown, source: string): ParsedSchoolsFile {
  const parsed = SchoolsFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(source, parsed.error, SCHOOLS_FILE_KEYS));
  return parsed.data;
}

function readSchoolsFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read SCHOOLS_FILE ${file}: ${(error as Error).message}`);
  }
}

const VARIABLES: ReadonlySet<string> = new Set(Object.keys(Environment.shape));
/** Shorter names are left alone on both sides: HOME and PGHOST are two letters from HOST. */
const MISSPELLING_MIN_LENGTH = 6;
const LONG_VARIABLES: ReadonlySet<string> = new Set([...VARIABLES].filter((name) => name.length >= MISSPELLING_MIN_LENGTH));

/**
 * Variables named almost like one of ours (SMTP_ULR, DATABSE_URL, database_url): the server would
 * otherwise start without them, writing every mail to files or keeping everything in SQLite.
 */
function misspelledVariables(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env).flatMap((name) => {
    if (VARIABLES.has(name) || name.length < MISSPELLING_MIN_LENGTH) return [];
    const meant = closestKey(name, LONG_VARIABLES);
    return meant ? [`  - ${name}: not a variable of klikvrij; did you mean ${meant}?`] : [];
  });
}

/** Reads the environment and the schools' configuration once; throws ConfigError naming the bad field. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const misspelled = misspelledVariables(env);
  if (misspelled.length > 0) throw new ConfigError(`Invalid configuration in the environment:\n${misspelled.join('\n')}`);
  const parsed = Environment.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues('the environment', parsed.error));
  const vars = parsed.data;
  const schoolsImport = vars.SCHOOLS_FILE
    ? parseSchools(readSchoolsFile(vars.SCHOOLS_FILE), vars.SCHOOLS_FILE)
    : parseSchools(DEFAULT_SCHOOLS, 'the default schools');
  const oidc = oidcSettings(vars);
  const smtpOAuth = smtpOAuthSettings(vars);
  const smtpTls = smtpTlsSettings(vars);
  const withoutLinks = schoolsImport.schools.find((school) => !school.loginLink);
  if (withoutLinks && !oidc) {
    throw new ConfigError(
      `Invalid configuration: school ${withoutLinks.slug} has loginLink false, but OIDC_ISSUER is not set: its staff could not sign in at all`,
    );
  }
  return Object.freeze({
    port: vars.PORT,
    host: vars.HOST,
    dataDir: path.resolve(vars.DATA_DIR),
    databaseUrl: vars.DATABASE_URL,
    masterKeyFile: vars.MASTER_KEY_FILE === undefined ? undefined : path.resolve(vars.MASTER_KEY_FILE),
    smtpUrl: vars.SMTP_URL,
    smtpOAuth,
    smtpTls,
    publicUrl: (vars.PUBLIC_URL ?? `http://${vars.HOST}:${vars.PORT}`).replace(/\/+$/, ''),
    mailFrom: vars.MAIL_FROM,
    trustProxy: vars.TRUST_PROXY,
    logLevel: vars.LOG_LEVEL,
    retentionMonths: vars.RETENTION_MONTHS,
    reportRateLimit: vars.RATE_LIMIT_REPORTS,
    uploadQuotas: {
      perAddressBytes: vars.UPLOAD_MIB_PER_ADDRESS_DAY * 1024 * 1024,
      perSchoolBytes: vars.UPLOAD_MIB_PER_SCHOOL_DAY * 1024 * 1024,
    },
    requestTimeoutMs: vars.REQUEST_TIMEOUT_SECONDS * 1000,
    healthToken: vars.HEALTH_TOKEN,
    schoolsImport,
    boardAdmins: vars.BOARD_ADMINS,
    oidc,
  });
}

function oidcSettings(vars: z.infer<typeof Environment>): OidcSettings | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = vars;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    const missing = Object.entries({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret })
      .filter(([, value]) => !value)
      .map(([name]) => name);
    throw new ConfigError(`Invalid configuration in the environment:\n  - ${missing.join(', ')}: needed together with the other OIDC_ variables`);
  }
  if (!isHttpsOrLoopback(new URL(issuer))) throw environmentError('OIDC_ISSUER', 'must start with https://');
  const issuerProblem = entraIssuerProblem(issuer);
  if (issuerProblem) throw environmentError('OIDC_ISSUER', issuerProblem);
  if (vars.OIDC_TRUST_EMAIL === 'true' && isMicrosoftIssuer(issuer)) {
    throw environmentError(
      'OIDC_TRUST_EMAIL',
      "not with Microsoft Entra ID: its email claim is not verified (a guest's home tenant sets it); leave it false, and the portal takes the address from xms_edov or the UPN",
    );
  }
  const mfaAcrValues = vars.OIDC_MFA_ACR.split(',').map((value) => value.trim()).filter(Boolean);
  return Object.freeze({ issuer, clientId, clientSecret, trustEmail: vars.OIDC_TRUST_EMAIL === 'true', mfaAcrValues });
}

function environmentError(name: string, message: string): ConfigError {
  return new ConfigError(`Invalid configuration in the environment:\n  - ${name}: ${message}`);
}

function smtpTlsSettings(vars: z.infer<typeof Environment>): SmtpTls {
  const rejectUnauthorized = vars.SMTP_TLS_INSECURE !== 'true';
  if (!vars.SMTP_CA_FILE) return Object.freeze({ rejectUnauthorized });
  let ca: string;
  try {
    ca = readFileSync(vars.SMTP_CA_FILE, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read SMTP_CA_FILE ${vars.SMTP_CA_FILE}: ${(error as Error).message}`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw environmentError('SMTP_CA_FILE', `${vars.SMTP_CA_FILE} holds no PEM certificate`);
  return Object.freeze({ rejectUnauthorized, ca });
}

// Only a token endpoint on this machine may be spoken to over plain http (the tests' provider).
function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

function smtpOAuthSettings(vars: z.infer<typeof Environment>): SmtpOAuth | undefined {
  const { SMTP_OAUTH_TOKEN_URL: tokenUrl, SMTP_OAUTH_CLIENT_ID: clientId, SMTP_OAUTH_CLIENT_SECRET: clientSecret } = vars;
  const keyFile = vars.SMTP_OAUTH_GOOGLE_KEY_FILE;
  const clientCredentials = Boolean(tokenUrl || clientId || clientSecret);
  if (!clientCredentials && !keyFile) return undefined;
  if (clientCredentials && keyFile) {
    throw environmentError('SMTP_OAUTH_GOOGLE_KEY_FILE', 'set either it or SMTP_OAUTH_TOKEN_URL with its client, not both');
  }
  const name = clientCredentials ? 'SMTP_OAUTH_TOKEN_URL' : 'SMTP_OAUTH_GOOGLE_KEY_FILE';
  if (!vars.SMTP_URL) throw environmentError(name, 'needs SMTP_URL with the mailbox as user name, e.g. smtp://klikvrij%40school.nl@smtp.office365.com:587');
  const smtp = new URL(vars.SMTP_URL);
  const user = decodeURIComponent(smtp.username);
  if (!user || smtp.password) {
    throw environmentError('SMTP_URL', 'with OAuth2 it names the mailbox as user name and holds no password, e.g. smtp://klikvrij%40school.nl@smtp.office365.com:587');
  }
  if (keyFile) return { kind: 'google-service-account', user, ...readGoogleKeyFile(keyFile) };
  if (!tokenUrl || !clientId || !clientSecret) {
    const missing = Object.entries({ SMTP_OAUTH_TOKEN_URL: tokenUrl, SMTP_OAUTH_CLIENT_ID: clientId, SMTP_OAUTH_CLIENT_SECRET: clientSecret })
      .filter(([, value]) => !value)
      .map(([key]) => key);
    throw environmentError(missing.join(', '), 'needed together with the other SMTP_OAUTH_ variables');
  }
  if (!isHttpsOrLoopback(new URL(tokenUrl))) throw environmentError('SMTP_OAUTH_TOKEN_URL', 'must start with https://');
  return Object.freeze({ kind: 'client-credentials', user, tokenUrl, clientId, clientSecret, scope: vars.SMTP_OAUTH_SCOPE });
}

const GoogleServiceAccountKey = z.object({
  type: z.literal('service_account'),
  client_id: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
  token_uri: z.url().default(GOOGLE_TOKEN_URL),
});

/** The service account key (JSON) as Google's console downloads it; only what the grant needs is kept. */
function readGoogleKeyFile(file: string): { serviceClient: string; privateKey: string; tokenUrl: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read SMTP_OAUTH_GOOGLE_KEY_FILE ${file}: ${(error as Error).message}`);
  }
  const parsed = GoogleServiceAccountKey.safeParse(raw);
  // The issues name fields, never values: the file holds a private key.
  if (!parsed.success) throw new ConfigError(describeIssues(`SMTP_OAUTH_GOOGLE_KEY_FILE ${file}`, parsed.error));
  if (!isHttpsOrLoopback(new URL(parsed.data.token_uri))) throw environmentError('SMTP_OAUTH_GOOGLE_KEY_FILE', 'its token_uri must start with https://');
  return { serviceClient: parsed.data.client_id, privateKey: parsed.data.private_key, tokenUrl: parsed.data.token_uri };
}
