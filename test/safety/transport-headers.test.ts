// HSTS once the portal is reached over https, and a Permissions-Policy that gives no page a device.
import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS_POLICY } from '../../server/plugins/security-headers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const URLS = ['/', '/volgen', '/staff', '/api/schools/default', '/api/nothing-here'];

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('transport and permission headers', () => {
  it('sends HSTS on every answer when PUBLIC_URL is https, with a Permissions-Policy', async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://meldpunt.school.example' } });
    for (const url of URLS) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['strict-transport-security'], url).toMatch(/^max-age=31536000\b/);
      expect(response.headers['permissions-policy'], url).toBe(PERMISSIONS_POLICY);
    }
    expect(PERMISSIONS_POLICY).toMatch(/camera=\(\)/);
    expect(PERMISSIONS_POLICY).toMatch(/geolocation=\(\)/);
  });

  it('sends no HSTS over plain http, where a browser would ignore it', async () => {
    t = await startTestApp();
    for (const url of URLS) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
      expect(response.headers['permissions-policy'], url).toBe(PERMISSIONS_POLICY);
    }
  });
});
