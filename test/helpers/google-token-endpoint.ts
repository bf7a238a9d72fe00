import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, jwtVerify } from 'jose';

// A token endpoint that speaks Google's service account grant (RFC 7523 JWT bearer, as
// https://oauth2.googleapis.com/token does): it checks the assertion's signature against the
// service account's public key, its issuer, audience, subject, scope and lifetime, and answers with
// an access token that it signs itself, so a mail server can check the token in turn.

export const GMAIL_SCOPE = 'https://mail.google.com/';

export interface TestGoogleTokenEndpoint {
  tokenUrl: string;
  /** The service account key file's content, as Google's console downloads it. */
  keyFile: { type: 'service_account'; client_id: string; client_email: string; private_key: string; token_uri: string };
  /** Checks an access token this endpoint issued; returns the mailbox it was issued for. */
  verifyAccessToken: (token: string) => Promise<string | undefined>;
  /** Assertions refused, with the reason. */
  refusals: string[];
  tokenRequests: () => number;
  close: () => Promise<void>;
}

export async function startGoogleTokenEndpoint(): Promise<TestGoogleTokenEndpoint> {
  const account = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issuing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientId = String(100_000_000_000_000_000_000n + BigInt(`0x${randomBytes(6).toString('hex')}`));
  const refusals: string[] = [];
  let tokenRequests = 0;
  let tokenUrl = '';

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      tokenRequests += 1;
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      void answer(form).then(([status, body]) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
  });

  async function answer(form: URLSearchParams): Promise<[number, object]> {
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return [400, { error: 'unsupported_grant_type' }];
    try {
      const { payload } = await jwtVerify(form.get('assertion') ?? '', account.publicKey as KeyObject, {
        issuer: clientId,
        audience: tokenUrl,
        algorithms: ['RS256'],
        maxTokenAge: '1h',
      });
      if (payload.scope !== GMAIL_SCOPE || typeof payload.sub !== 'string') throw new Error('scope or subject');
      const accessToken = await new SignJWT({ scope: GMAIL_SCOPE })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject(payload.sub)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(issuing.privateKey);
      return [200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' }];
    } catch (error) {
      refusals.push(String(error));
      return [400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }];
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return {
    tokenUrl,
    keyFile: {
      type: 'service_account',
      client_id: clientId,
      client_email: 'klikvrij-mail@school-project.iam.gserviceaccount.com',
      private_key: account.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      token_uri: tokenUrl,
    },
    async verifyAccessToken(token) {
      try {
        const { payload } = await jwtVerify(token, issuing.publicKey as KeyObject, { algorithms: ['RS256'] });
        return payload.sub;
      } catch {
        return undefined;
      }
    },
    refusals,
    tokenRequests: () => tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
