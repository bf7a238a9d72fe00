// Staff addresses are guessable from the public contact names. A stranger who asks for a
// colleague's login link every ten minutes must not keep that colleague from logging in.
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_LINKS_PER_REQUESTER } from '../../server/shared/limits.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { BERTINE, clock, latestLoginToken, outbox, redeem, requestLink } from '../helpers/staff.js';

const MINUTE = 60_000;
const ATTACK_EVERY_MS = 10 * MINUTE;
const ATTACK_HOURS = 3;
const PERSON = '192.0.2.10';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('login links under a steady stranger', () => {
  it(`a request every 10 minutes for ${ATTACK_HOURS} hours, from fixed and changing addresses, never stops the person getting a link`, async () => {
    const time = clock('2025-03-03T07:00:00Z');
    t = await startTestApp({ now: time.now });
    const rounds = (ATTACK_HOURS * 60 * MINUTE) / ATTACK_EVERY_MS;
    let personLinks = 0;
    for (let round = 0; round < rounds; round += 1) {
      // One stranger from two fixed addresses, taking turns, and another from a new address each time.
      expect((await requestLink(t, BERTINE, `198.51.100.${1 + (round % 2)}`)).statusCode).toBe(202);
      expect((await requestLink(t, BERTINE, `203.0.113.${round + 1}`)).statusCode).toBe(202);

      // Every half hour, a few minutes after the stranger, the person asks and logs in.
      if (round % 3 === 1) {
        time.advance(3 * MINUTE);
        const before = (await outbox(t, 'staff-login')).length;
        expect((await requestLink(t, BERTINE, PERSON)).statusCode).toBe(202);
        expect(await outbox(t, 'staff-login'), `round ${round}`).toHaveLength(before + 1);
        expect((await redeem(t, await latestLoginToken(t, BERTINE), undefined, PERSON)).statusCode, `round ${round}`).toBe(201);
        personLinks += 1;
        time.advance(ATTACK_EVERY_MS - 3 * MINUTE);
      } else {
        time.advance(ATTACK_EVERY_MS);
      }
    }
    expect(personLinks).toBe(rounds / 3);
  });

  it(`mails at most ${STAFF_LINKS_PER_REQUESTER} links an hour to the person at one stranger's request, however often it asks`, async () => {
    const time = clock('2025-03-03T07:00:00Z');
    t = await startTestApp({ now: time.now });
    // Ten requests in ten minutes from one address (the server's own rate limit allows that many).
    for (let i = 0; i < 10; i += 1) {
      await requestLink(t, BERTINE, '198.51.100.7');
      time.advance(MINUTE);
    }
    expect(await outbox(t, 'staff-login')).toHaveLength(STAFF_LINKS_PER_REQUESTER);
  });
});
