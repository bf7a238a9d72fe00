import { LitElement, css, html, nothing } from 'lit';
import { LOCALES } from '../../../../server/shared/languages';
import { I18nController, currentLanguage, type Language } from '../../i18n/index';
import { ICONS } from '../../report/pictograms';
import { sharedStyles } from '../../styles/shared';


/**
 * The device's own voice for a language, if it has one ("nl-NL", "nl_BE", "en-US" all count).
 * Network voices (localService false) send the text to a third party: never used.
 */
function voiceFor(voices: readonly SpeechSynthesisVoice[], language: Language): SpeechSynthesisVoice | undefined {
  const matches = voices.filter(
    (voice) => voice.localService && voice.lang.toLowerCase().replace('_', '-').startsWith(language),
  );
  return matches.find((voice) => voice.lang === LOCALES[language]) ?? matches[0];
}

/**
 * A piece of what is read and the language it is written in when that is not the page's: the
 * school's Dutch message or the Dutch code words in an Arabic page are read by a Dutch voice.
 */
export type SpokenPart = readonly [text: string, language?: Language];

/**
 * A speaker button that reads `text` (or what `textOf()` returns at the moment of the click) aloud
 * with speechSynthesis in the page's language (each part in its own), using a voice on the device only. Without such a
 * voice the button is still there, in the same place on every screen, and says so when pressed:
 * a child who looks for it finds it, and a grown-up next to them reads why nothing is heard.
 * Voices often arrive late, so `voiceschanged` is watched.
 */
export class ReadAloud extends LitElement {
  static override properties = {
    // Parts are a new array at every render of the page: only other words are a new text.
    text: { hasChanged: (next: unknown, old: unknown) => JSON.stringify(next) !== JSON.stringify(old) },
    textOf: { attribute: false },
    label: {},
    explained: { state: true },
    voices: { state: true },
    speaking: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }

      .no-voice {
        max-width: 20rem;
        margin: 0.25rem 0 0;
        font-size: 0.95rem;
      }

      .no-voice:empty {
        margin: 0;
      }

      /* On a phone the speaker alone: the button's name still says "Lees voor". */
      @media (max-width: 30rem) {
        button {
          min-width: var(--kv-target);
          padding: 0.4rem;
          justify-content: center;
        }

        button span {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
      }

      button {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0.4rem 0.8rem;
        border-radius: 999px;
      }

      svg {
        width: 1.5rem;
        height: 1.5rem;
        fill: none;
        stroke: currentColor;
        stroke-width: 1.8;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
    `,
  ];

  declare text: string | readonly SpokenPart[];
  /** For text that is only known once rendered (an information page): read at the click. */
  declare textOf: (() => string) | undefined;
  /** The button was pressed where no voice exists: the explanation is on screen. */
  declare explained: boolean;
  /** What the question is, for the button's accessible name ("Lees voor: Wat gebeurt er?"). */
  declare label: string;
  declare voices: readonly SpeechSynthesisVoice[];
  declare speaking: boolean;

  private readonly i18n = new I18nController(this);
  private readonly synth: SpeechSynthesis | undefined = 'speechSynthesis' in window ? window.speechSynthesis : undefined;
  private readonly onVoicesChanged = (): void => {
    this.voices = this.synth?.getVoices() ?? [];
  };

  constructor() {
    super();
    this.text = '';
    this.textOf = undefined;
    this.explained = false;
    this.label = '';
    this.voices = [];
    this.speaking = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.synth?.addEventListener('voiceschanged', this.onVoicesChanged);
    this.onVoicesChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.synth?.removeEventListener('voiceschanged', this.onVoicesChanged);
    this.stop();
  }

  protected override updated(changed: Map<string, unknown>): void {
    // A new screen, or a new language: the old sentence (or explanation) is no longer on the screen.
    const replaced = (key: 'text' | 'label'): boolean => changed.has(key) && changed.get(key) !== undefined;
    if (replaced('text') || replaced('label')) {
      this.stop();
      this.explained = false;
    }
  }

  override render() {
    const { m } = this.i18n;
    const action = this.speaking ? m.readAloud.stop : m.readAloud.listen;
    return html`<button
        type="button"
        aria-label=${this.label ? `${action}: ${this.label}` : action}
        @click=${this.toggle}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${this.speaking ? ICONS.stop : ICONS.speaker}</svg>
        <span>${action}</span>
      </button>
      <p class="no-voice" role="status">${this.explained ? m.readAloud.noVoice : nothing}</p>`;
  }

  private toggle(): void {
    if (this.speaking) {
      this.stop();
      return;
    }
    const synth = this.synth;
    const language = currentLanguage();
    const voice = synth ? voiceFor(this.voices, language) : undefined;
    if (!synth || !voice) {
      this.explained = true;
      return;
    }
    const text = this.textOf?.() ?? this.text;
    // Neighbouring parts in one language are one utterance, read in one breath.
    const utterances: SpeechSynthesisUtterance[] = [];
    for (const [words, partLanguage = language] of typeof text === 'string' ? [[text] as const] : text) {
      // A soft hyphen only says where a narrow screen may break a long word; the voice reads the word whole.
      const spoken = words.replaceAll('\u00ad', '');
      const previous = utterances.at(-1);
      if (!spoken) continue;
      if (previous?.lang === LOCALES[partLanguage]) {
        previous.text += ` ${spoken}`;
        continue;
      }
      const utterance = new SpeechSynthesisUtterance(spoken);
      utterance.lang = LOCALES[partLanguage];
      // No local voice for that language: the page's voice reads it rather than one on a server.
      utterance.voice = voiceFor(this.voices, partLanguage) ?? voice;
      utterance.rate = 0.9;
      utterances.push(utterance);
    }
    const last = utterances.at(-1);
    if (!last) return;
    const done = (): void => {
      this.speaking = false;
    };
    last.addEventListener('end', done);
    last.addEventListener('error', done);
    synth.cancel();
    this.speaking = true;
    for (const utterance of utterances) synth.speak(utterance);
  }

  private stop(): void {
    if (this.speaking) this.synth?.cancel();
    this.speaking = false;
  }
}

customElements.define('read-aloud', ReadAloud);

declare global {
  interface HTMLElementTagNameMap {
    'read-aloud': ReadAloud;
  }
}
