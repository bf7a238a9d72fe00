// LIX (Björnsson's läsbarhetsindex): words per sentence + 100 × share of long words.
// A long word has more than six letters. Below 25 is children's-book level; 40 is a newspaper.
// Pure: the readability test runs it under Node over the report's own strings.

export interface LixScore {
  words: number;
  sentences: number;
  longWords: number;
  lix: number;
}

// A word: letters and digits, hyphen, apostrophe or soft hyphen inside ("anti-pestcoördinator",
// "0800-0432", "vertrouwens\u00adpersoon": the soft hyphen only says where a narrow screen may break it).
const WORD = /[\p{L}\p{N}]+(?:['’\u00ad-][\p{L}\p{N}]+)*/gu;
// A sentence ends at . ! ? : or … followed by a space or the end ("0800-0432." ends; "3.5" does not).
const SENTENCE_END = /[.!?:…]+(?=\s|$)/gu;
const LETTER = /\p{L}/gu;

export const LONG_WORD_LETTERS = 6;

function countLetters(word: string): number {
  return word.match(LETTER)?.length ?? 0;
}

/**
 * Scores one text, or several separate ones (labels, buttons, sentences): each piece counts as at
 * least one sentence, since a label stands on its own on the screen.
 */
export function lix(texts: string | readonly string[]): LixScore {
  let words = 0;
  let sentences = 0;
  let longWords = 0;
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    const found = text.match(WORD) ?? [];
    if (found.length === 0) continue;
    words += found.length;
    longWords += found.filter((word) => countLetters(word) > LONG_WORD_LETTERS).length;
    // Every sentence end, plus the last sentence when it has no full stop of its own (a label).
    const trimmed = text.trim();
    const ends = trimmed.match(SENTENCE_END)?.length ?? 0;
    sentences += /[.!?:…]$/u.test(trimmed) ? ends : ends + 1;
  }
  const lixValue = words === 0 ? 0 : words / sentences + (100 * longWords) / words;
  return { words, sentences, longWords, lix: lixValue };
}
