// The browser's speech synthesis, replaced by one that records what it is asked to say. Headless
// Chromium has no voices of its own, so a test decides which voices "the device" has.
import type { BrowserContext, Page } from 'playwright-core';

export interface FakeVoice {
  lang: string;
  name: string;
  localService: boolean;
}

export interface Spoken {
  text: string;
  lang: string;
}

/** Every page of `context` gets a speechSynthesis with the given voices (none: a device without any). */
export async function installSpeech(context: BrowserContext, voices: FakeVoice[] = []): Promise<void> {
  await context.addInitScript((initial: FakeVoice[]) => {
    const spoken: Spoken[] = [];
    let list = initial;
    const synth = new EventTarget() as EventTarget & Record<string, unknown>;
    synth['getVoices'] = () => list;
    synth['speak'] = (utterance: { text: string; lang: string }) => {
      spoken.push({ text: utterance.text, lang: utterance.lang });
    };
    synth['cancel'] = () => undefined;
    class Utterance extends EventTarget {
      lang = '';
      voice: unknown = null;
      rate = 1;
      constructor(readonly text: string) {
        super();
      }
    }
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    Object.assign(window, {
      spoken,
      setVoices(next: FakeVoice[]) {
        list = next;
        synth.dispatchEvent(new Event('voiceschanged'));
      },
    });
  }, voices);
}

export function spokenIn(page: Page): Promise<Spoken[]> {
  return page.evaluate(() => (window as unknown as { spoken: Spoken[] }).spoken);
}

export function setVoices(page: Page, voices: FakeVoice[]): Promise<void> {
  return page.evaluate((list) => (window as unknown as { setVoices: (v: FakeVoice[]) => void }).setVoices(list), voices);
}
