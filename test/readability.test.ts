// The pupil's words must be easy: LIX at most 25 over every Dutch string on the pupil's path
// (the screens come from web/src/report/flow.ts, the same function the form renders from).
import { describe, expect, it } from 'vitest';
import { CLOSING_MESSAGES } from '../server/shared/protocol.js';

// The web sources use the bundler's import style (no file extensions), which this Node-side
// project does not resolve; `tsc -p web` and `tsc -p test/web` (for web/pupil-path.ts beside this
// test) check them. Here they are loaded by URL and typed by
// what the test uses.
type Messages = { readonly __messages: unique symbol };
interface LixScore {
  words: number;
  sentences: number;
  longWords: number;
  lix: number;
}
const web = (file: string): string => new URL(`../web/src/${file}`, import.meta.url).href;
const { lix } = (await import(web('i18n/lix.ts'))) as { lix: (texts: string | readonly string[]) => LixScore };
const { default: nl } = (await import(web('i18n/catalogs/nl.json'))) as { default: Messages };
const { default: en } = (await import(web('i18n/catalogs/en.json'))) as { default: Messages };
const { default: nlInfo } = (await import(web('i18n/catalogs/nl.info.json'))) as { default: { info: Messages } };
const { PUPIL_ROLES, pupilInfoTexts, pupilPathTexts, screenTexts } = (await import(new URL('./web/pupil-path.ts', import.meta.url).href)) as {
  PUPIL_ROLES: readonly string[];
  pupilPathTexts: (m: Messages) => string[];
  pupilInfoTexts: (m: Messages) => string[];
  screenTexts: (m: Messages, role: string) => string[];
};

export const MAX_PUPIL_LIX = 25;

describe('LIX', () => {
  it('counts words, sentences and long words (more than six letters)', () => {
    // 6 words, 1 sentence, no long word: 6 + 0.
    expect(lix('De kat zit op de mat.')).toEqual({ words: 6, sentences: 1, longWords: 0, lix: 6 });
    // 9 words, 2 sentences, 3 long (eenvoudige, Kinderen, begrijpen): 4.5 + 33.33…
    const two = lix('Dit is een heel eenvoudige zin. Kinderen begrijpen hem.');
    expect(two).toMatchObject({ words: 9, sentences: 2, longWords: 3 });
    expect(two.lix).toBeCloseTo(4.5 + 300 / 9, 10);
  });

  it('treats six letters as short and seven as long', () => {
    expect(lix('school').longWords).toBe(0);
    expect(lix('scholen').longWords).toBe(1);
    // Letters only: hyphens and digits do not make a word long.
    expect(lix('0800-0432').longWords).toBe(0);
    expect(lix('e-mail').longWords).toBe(0);
    expect(lix('anti-pestcoördinator').longWords).toBe(1);
  });

  it('ends sentences at . ! ? : and counts a label without a full stop as one sentence', () => {
    expect(lix('Wie ben jij? Kies wat past!').sentences).toBe(2);
    expect(lix('Let op: dit is het.').sentences).toBe(2);
    expect(lix(['Op het plein', 'In de klas', 'Verder']).sentences).toBe(3);
    // A number is not the end of a sentence.
    expect(lix('Bel 0800-0432 of 112 nu.').sentences).toBe(1);
    expect(lix('Het kost 2.50 euro').sentences).toBe(1);
    expect(lix('Vertel het... Dan helpen we.').sentences).toBe(2);
  });

  it('gives a newspaper-like Dutch text a much higher score than a child’s text', () => {
    const protocol = lix(
      'Pesten is het systematisch uitoefenen van psychische en/of fysieke mishandeling door een leerling of een groep leerlingen van één of meer klasgenoten, die niet (meer) in staat zijn zichzelf te verdedigen.',
    );
    expect(protocol.lix).toBeGreaterThan(50);
    expect(lix('Word je gepest? Vertel het hier. Dan kan de school helpen.').lix).toBeLessThan(25);
  });

  it('is 0 for no text', () => {
    expect(lix('').lix).toBe(0);
    expect(lix([]).lix).toBe(0);
  });
});

describe('the pupil path in Dutch', () => {
  const texts = pupilPathTexts(nl);
  const score = lix(texts);

  it(`scores at most ${MAX_PUPIL_LIX}`, () => {
    console.log(
      `pupil path LIX ${score.lix.toFixed(1)} (${score.words} words, ${score.sentences} sentences, ${score.longWords} long)`,
    );
    expect(score.lix).toBeLessThanOrEqual(MAX_PUPIL_LIX);
  });

  it('covers every screen of every pupil path, with real text', () => {
    expect(score.words).toBeGreaterThan(400);
    for (const role of PUPIL_ROLES) {
      for (const text of screenTexts(nl, role).filter((text) => text.trim() !== '')) expect(texts).toContain(text.trim());
    }
    // The questions a child meets, in its own words.
    for (const question of [
      'Wie ben jij?',
      'Ben je nu in gevaar?',
      'Ben je bang om naar school te gaan?',
      'Stuur nu naar school',
      'Zijn jullie even sterk?',
      'Gebeurt het steeds bij jou?',
      'Is het een grapje? Of is het gemeen?',
      'Hoe vaak gebeurt het?',
      'Weet ik niet',
      'Snel weg',
      'Ben je nu in gevaar? Bel 112.',
    ]) {
      expect(texts).toContain(question);
    }
  });

  it('has no sentence longer than 12 words', () => {
    const long = texts
      .flatMap((text) => text.split(/(?<=[.!?:])\s+/))
      .filter((sentence) => lix(sentence).words > 12);
    expect(long).toEqual([]);
  });

  it('keeps the school\'s default closing messages, read at /volgen, at the same level', () => {
    for (const [outcome, text] of Object.entries(CLOSING_MESSAGES)) {
      const score = lix(text);
      console.log(`closing message ${outcome} LIX ${score.lix.toFixed(1)}`);
      expect(score.lix, outcome).toBeLessThanOrEqual(MAX_PUPIL_LIX);
      expect(text.split(/(?<=[.!?:])\s+/).filter((sentence) => lix(sentence).words > 12), outcome).toEqual([]);
    }
  });

  it('keeps the information pages for pupils at the same level', () => {
    const info = lix(pupilInfoTexts(nlInfo.info));
    console.log(`pupil information pages LIX ${info.lix.toFixed(1)}`);
    expect(info.lix).toBeLessThanOrEqual(MAX_PUPIL_LIX);
  });

  it('has the same screens in English (every string exists)', () => {
    expect(pupilPathTexts(en).length).toBeGreaterThan(texts.length * 0.9);
    for (const text of pupilPathTexts(en)) expect(text.trim()).not.toBe('');
  });
});
