import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';
import { newReportRecipients } from '../server/notifications/recipients.js';
import { RECEIPT_WORDS, WORDS_PER_RECEIPT } from '../server/shared/receipt-words.js';
import {
  generateReceiptCode,
  normalizeReceiptCode,
} from '../server/receipts/receipt-code.js';
import { computeIndication } from '../server/reports/indication.js';
import { DEFAULT_SCHOOLS } from '../server/schools/default-schools.js';
import { html } from '../templates/html.js';

describe('plagen or pesten, after the seed table', () => {
  it('calls the pesten column pesten and the plagen column plagen', () => {
    expect(computeIndication({ equal: false, sameTarget: true, hurtful: true, frequency: 'daily' })).toBe('pesten');
    expect(computeIndication({ equal: true, sameTarget: false, hurtful: false, frequency: 'sometimes' })).toBe('plagen');
  });

  it('needs at least two answers before it says anything', () => {
    expect(computeIndication({})).toBe('onduidelijk');
    expect(computeIndication({ hurtful: true })).toBe('onduidelijk');
    expect(computeIndication({ hurtful: true, frequency: 'weekly' })).toBe('pesten');
  });

  it('calls a tie unclear, and any pesten sign keeps it from being plagen', () => {
    expect(computeIndication({ equal: true, sameTarget: true })).toBe('onduidelijk');
    expect(computeIndication({ equal: true, sameTarget: false, hurtful: true })).toBe('onduidelijk');
  });
});

describe('receipt codes', () => {
  it('are six words from 256 (48 bits), and the same number as four groups of four digits', () => {
    expect(new Set(RECEIPT_WORDS).size).toBe(256);
    for (const word of RECEIPT_WORDS) expect(word).toMatch(/^[a-z]{2,7}$/);
    expect(WORDS_PER_RECEIPT * Math.log2(RECEIPT_WORDS.length)).toBeGreaterThanOrEqual(48);
    const codes = Array.from({ length: 2000 }, generateReceiptCode);
    for (const code of codes) {
      expect(code.digits).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
      expect(code.words).toMatch(/^[a-z]+(-[a-z]+){5}$/);
      expect(normalizeReceiptCode(code.words)).toBe(code.digits.replaceAll('-', ''));
    }
    expect(new Set(codes.map((code) => code.words)).size).toBe(codes.length);
    // Every word turns up in every place: the draw covers the whole range.
    const firstWords = new Set(codes.map((code) => code.words.split('-')[0]));
    const lastWords = new Set(codes.map((code) => code.words.split('-')[5]));
    expect(firstWords.size).toBeGreaterThan(240);
    expect(lastWords.size).toBeGreaterThan(240);
  });

  it('in words are read back in any case, with spaces, dashes or commas', () => {
    const value = normalizeReceiptCode('aap-bal-bed-bel-bes-bos');
    expect(value).toMatch(/^\d{16}$/);
    for (const typed of ['AAP BAL BED BEL BES BOS', ' Aap - bal, bed\nbel  bes–bos ', 'aap.bal.bed.bel.bes.bos']) {
      expect(normalizeReceiptCode(typed)).toBe(value);
    }
    expect(normalizeReceiptCode('aap-bal-bed-bel-bes')).toBeNull();
    expect(normalizeReceiptCode('aap-bal-bed-bel-bes-bos-bus')).toBeNull();
    expect(normalizeReceiptCode('aap-bal-bed-bel-bes-xyz')).toBeNull();
  });

  it('are read back however a child types them', () => {
    expect(normalizeReceiptCode('1234-5678-9012-3456')).toBe('1234567890123456');
    expect(normalizeReceiptCode(' 1234 5678 9012 3456 ')).toBe('1234567890123456');
    expect(normalizeReceiptCode('1234567890123456')).toBe('1234567890123456');
    expect(normalizeReceiptCode('1234-5678-9012-345')).toBeNull();
    expect(normalizeReceiptCode('abcd-5678-9012-3456')).toBeNull();
  });
});

describe('configuration', () => {
  it('ships the seed school, whose table yields exactly Bertine Pas and Elmar van Dokkum', () => {
    const { schoolsImport } = loadConfig({});
    const school = schoolsImport.schools.find((candidate) => candidate.slug === schoolsImport.defaultSchool)!;
    expect(school.name).toBe('CBS de Kopakker');
    expect(newReportRecipients(school, 'default').map((c) => c.name)).toEqual(['Bertine Pas', 'Elmar van Dokkum']);
    expect(newReportRecipients(school, 'vertrouwenspersoon').map((c) => c.name)).toEqual(['Bertine Pas']);
  });

  it('reads the environment with its defaults', () => {
    const config = loadConfig({ PORT: '4000', DATA_DIR: '/tmp/x', PUBLIC_URL: 'https://meld.example.nl/' });
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', dataDir: '/tmp/x', smtpUrl: undefined });
    expect(config.publicUrl).toBe('https://meld.example.nl');
  });

  it('stops with a message naming the bad field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-config-'));
    const file = path.join(dir, 'schools.json');
    const broken = structuredClone(DEFAULT_SCHOOLS);
    broken.schools[0]!.contacts[1]!.email = 'geen-adres';
    await writeFile(file, JSON.stringify(broken));
    expect(() => loadConfig({ SCHOOLS_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ SCHOOLS_FILE: file })).toThrow(/schools\.0\.contacts\.1\.email/);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ SCHOOLS_FILE: path.join(dir, 'missing.json') })).toThrow(/Cannot read SCHOOLS_FILE/);
  });

  it('refuses two schools of one name, spacing and capitals aside', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-config-'));
    const file = path.join(dir, 'schools.json');
    const twice = structuredClone(DEFAULT_SCHOOLS);
    twice.schools.push({ ...twice.schools[0]!, slug: 'de-kopakker', name: 'CBS  de KOPAKKER' });
    await writeFile(file, JSON.stringify(twice));
    expect(() => loadConfig({ SCHOOLS_FILE: file })).toThrow(/schools\.1\.name: Elke school heeft een eigen naam nodig: CBS  de KOPAKKER staat er al eerder in\./);
  });

  it('refuses a school without a vertrouwenspersoon', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-config-'));
    const file = path.join(dir, 'schools.json');
    const noVp = structuredClone(DEFAULT_SCHOOLS);
    noVp.schools[0]!.contacts[0]!.roles = ['anti-pestcoordinator'];
    await writeFile(file, JSON.stringify(noVp));
    expect(() => loadConfig({ SCHOOLS_FILE: file })).toThrow(/vertrouwenspersoon/);
  });

  it('refuses keys it does not know, naming the path and the key meant', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-config-'));
    const file = path.join(dir, 'schools.json');
    const typo = structuredClone(DEFAULT_SCHOOLS) as unknown as { schools: Array<Record<string, unknown>>; defaulSchool?: string };
    typo.schools[0]!.requireTOTP = true;
    typo.schools[0]!.wachtwoord = 'x';
    typo.defaulSchool = 'kopakker';
    await writeFile(file, JSON.stringify(typo));
    const message = (() => {
      try {
        loadConfig({ SCHOOLS_FILE: file });
        return 'started';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain(`Invalid configuration in ${file}:`);
    expect(message).toContain('  - schools.0.requireTOTP: unknown key; did you mean requireTotp?');
    expect(message).toContain('  - schools.0.wachtwoord: unknown key\n');
    expect(message).toContain('  - defaulSchool: unknown key; did you mean defaultSchool?');
  });

  it('takes only smtp:// or smtps:// with a host as SMTP_URL', () => {
    for (const url of ['mail.school.nl:587', 'http://mail.school.nl', 'https://mail.school.nl:465', 'smtp://', 'smtps://']) {
      expect(() => loadConfig({ SMTP_URL: url }), url).toThrow(/SMTP_URL: use smtp:\/\/host:port or smtps:\/\/host:port/);
    }
    expect(loadConfig({ SMTP_URL: 'smtp://mail.school.nl:587' }).smtpUrl).toBe('smtp://mail.school.nl:587');
    expect(loadConfig({ SMTP_URL: 'smtps://user:pw@mail.school.nl' }).smtpUrl).toBe('smtps://user:pw@mail.school.nl');
  });
});

/** The message loadConfig refuses the environment with, or 'started'. */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
    return 'started';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('configuration refuses', () => {
  it.each([
    ['DATABASE_URL', 'postgress://k:k@db/klikvrij', 'use postgres://user:password@host:port/database'],
    ['DATABASE_URL', 'db.bestuur.nl:5432/klikvrij', 'use postgres://user:password@host:port/database'],
    ['HOST', '', 'Too small'],
    ['BOARD_ADMINS', 'fenna@bestuur.nl, geen-adres', 'Geen geldig e-mailadres in BOARD_ADMINS.'],
    ['LOG_LEVEL', 'verbose', 'Invalid option'],
    ['SMTP_TLS_INSECURE', 'yes', 'Invalid option: expected one of "true"|"false"'],
    ['OIDC_TRUST_EMAIL', 'ja', 'Invalid option: expected one of "true"|"false"'],
    ['SMTP_OAUTH_SCOPE', '', 'Too small'],
    ['RETENTION_MONTHS', '12 maanden', 'expected number'],
    ['RETENTION_MONTHS', '0', 'Too small'],
    ['RATE_LIMIT_REPORTS', '', 'Too small'],
    ['UPLOAD_MIB_PER_ADDRESS_DAY', '1.5', 'expected int'],
    ['UPLOAD_MIB_PER_SCHOOL_DAY', 'veel', 'expected number'],
    ['REQUEST_TIMEOUT_SECONDS', '5', 'Too small'],
  ])('%s=%j, naming the variable', (name, value, problem) => {
    const message = refusal({ [name]: value });
    expect(message).toMatch(new RegExp(`^  - ${name}(\\.\\d+)?: `, 'm'));
    expect(message).toContain(problem);
  });

  it('PORT 0 or empty: the system would pick a port that no link names', () => {
    for (const port of ['0', '']) expect(refusal({ PORT: port }), port).toMatch(/^  - PORT: Too small/m);
    expect(loadConfig({ PORT: '1' }).port).toBe(1);
  });

  it('a PUBLIC_URL a browser does not open, such as a typo in its scheme', () => {
    // Also no URL at all (a host without a scheme, a space in it): refused by name, never a TypeError's stack.
    for (const url of ['htps://meld.school.nl', 'ftp://meld.school.nl', 'file:///tmp', 'javascript:alert(1)', 'meld.school.nl', 'https://', 'https://meld school.nl']) {
      expect(refusal({ PUBLIC_URL: url }), url).toContain('  - PUBLIC_URL: use https://host');
    }
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000' }).publicUrl).toBe('http://10.0.0.5:3000');
  });

  it('a PUBLIC_URL with a path, a query or a fragment: the pages and cookies live at the root of the host', () => {
    for (const url of ['https://www.school.nl/meldpunt', 'https://meld.school.nl/staff/', 'https://meld.school.nl/?x=1', 'https://meld.school.nl/#top']) {
      expect(refusal({ PUBLIC_URL: url }), url).toContain('  - PUBLIC_URL: the portal runs at the root of its host');
    }
    expect(loadConfig({ PUBLIC_URL: 'https://meld.school.nl/' }).publicUrl).toBe('https://meld.school.nl');
  });

  it('a MAIL_FROM without an address', () => {
    for (const from of ['klikvrij', 'klikvrij <no-reply>', 'klikvrij no-reply@school.nl', '<>']) {
      expect(refusal({ MAIL_FROM: from }), from).toContain('  - MAIL_FROM: use an address, or a name and an address');
    }
    for (const from of ['no-reply@school.nl', 'Meldpunt De Linde <meldpunt@delinde.nl>']) expect(loadConfig({ MAIL_FROM: from }).mailFrom).toBe(from);
  });

  it('a TRUST_PROXY that is not an address or a range (Fastify would throw at start)', async () => {
    // A range past the address's bits (a typo: /33, /240) or a mask that is none are refused too.
    for (const value of ['yes', 'true', '10.0.0.1,nginx', '10.0.0.0/8/8', '10.0.0.1/abc', '10.0.0.0/33', '192.168.1.0/240', '::1/129', 'fd00::/255.0.0.0', '10.0.0.0/255.0.255.0', '0.0.0.0/0', '::/0', '0.0.0.0/0.0.0.0']) {
      expect(refusal({ TRUST_PROXY: value }), value).toContain("  - TRUST_PROXY: use the proxy's addresses");
    }
    // What the check takes, Fastify takes too: it would otherwise throw at start, after the database was opened.
    for (const value of ['127.0.0.1, 10.0.0.0/8,::1,192.168.0.0/255.255.0.0,loopback', '10.0.0.0/32', '0.0.0.0/1', '::/1', 'fd00::/128', '10.0.0.0/255.255.255.255', '10.0.0.0/128.0.0.0']) {
      const { trustProxy } = loadConfig({ TRUST_PROXY: value });
      await expect(Fastify({ trustProxy }).ready(), value).resolves.toBeDefined();
    }
  });

  it('a variable named almost like one of ours, which would otherwise be left out without a word', () => {
    expect(refusal({ SMTP_ULR: 'smtp://mail.school.nl:587', database_url: 'postgres://k:k@db/klikvrij' })).toBe(
      'Invalid configuration in the environment:\n' +
        '  - SMTP_ULR: not a variable of klikvrij; did you mean SMTP_URL?\n' +
        '  - database_url: not a variable of klikvrij; did you mean DATABASE_URL?',
    );
    expect(refusal({ DATABSE_URL: 'postgres://k:k@db/klikvrij' })).toContain('did you mean DATABASE_URL?');
    // What a shell, systemd, a container or PostgreSQL's own tools set is no misspelling.
    const around = { HOME: '/root', HOSTNAME: 'app1', PGHOST: 'db', PGPORT: '5432', NODE_ENV: 'production', INVOCATION_ID: 'x', STATE_DIRECTORY: '/var/lib/klikvrij', HTTP_PROXY: 'http://proxy:3128' };
    expect(loadConfig(around).port).toBe(3000);
  });

  it('a SCHOOLS_FILE with one slug twice, naming the second school that has it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'klikvrij-config-'));
    const file = path.join(dir, 'schools.json');
    const twice = structuredClone(DEFAULT_SCHOOLS);
    twice.schools.push({ ...structuredClone(twice.schools[0]!), name: 'CBS de Kopakker (dependance)' });
    await writeFile(file, JSON.stringify(twice));
    expect(refusal({ SCHOOLS_FILE: file })).toBe(
      `Invalid configuration in ${file}:\n  - schools.1.slug: Elke school heeft een eigen adres (slug) nodig: kopakker staat er al eerder in.`,
    );
  });

  it('an OIDC_ISSUER that is not https (a typo in the scheme, or plain http off this machine)', () => {
    const client = { OIDC_CLIENT_ID: 'klikvrij', OIDC_CLIENT_SECRET: 'geheim' };
    for (const issuer of ['htps://login.school.nl', 'http://login.school.nl']) {
      expect(refusal({ ...client, OIDC_ISSUER: issuer }), issuer).toContain('  - OIDC_ISSUER: must start with https://');
    }
    expect(loadConfig({ ...client, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
  });
});

describe('mail templates', () => {
  it('escape every interpolated value', () => {
    const name = '<script>alert("x")</script> & co';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>');
    expect(html`<div>${html`<b>${name}</b>`}</div>`.value).toContain('<b>&lt;script&gt;');
  });
});
