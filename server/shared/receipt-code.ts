// A receipt code has two spellings of one 48-bit number: six words a child can write down and read
// back ("kat-boom-vis-roos-melk-bal"), and the sixteen digits of the HTTP contract
// ("0012-3456-7890-1234"). Codes from before the words (any sixteen digits) are numbers too, so
// both old and new codes are looked up by the same canonical digits. Pure: the follow-up page
// checks what a child typed with the same rules before asking the server.
import { RECEIPT_WORDS, WORDS_PER_RECEIPT } from './receipt-words.js';

export const RECEIPT_DIGITS = 16;
const WORD_VALUES = RECEIPT_WORDS.length;

/** The contract's spelling: four groups of four digits. */
export function receiptDigits(value: number): string {
  return String(value).padStart(RECEIPT_DIGITS, '0').replace(/(\d{4})(?=\d)/g, '$1-');
}

/** The child's spelling: six words, most significant first, joined by dashes. */
export function receiptWords(value: number): string {
  const words: string[] = [];
  let rest = value;
  for (let i = 0; i < WORDS_PER_RECEIPT; i++) {
    words.unshift(RECEIPT_WORDS[rest % WORD_VALUES]!);
    rest = Math.floor(rest / WORD_VALUES);
  }
  return words.join('-');
}

/**
 * What people type, made canonical (sixteen digits, no separators), or null when it is no code:
 * digits with spaces, dots or dashes; or the six words in any case, separated by anything that is
 * not a letter (spaces, dashes, commas, new lines).
 */
export function normalizeReceiptCode(input: string): string | null {
  const digits = input.replace(/[\s.\-–]/g, '');
  if (new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits)) return digits;
  const words = input.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  if (words.length !== WORDS_PER_RECEIPT) return null;
  let value = 0;
  for (const word of words) {
    const index = RECEIPT_WORDS.indexOf(word as (typeof RECEIPT_WORDS)[number]);
    if (index < 0) return null;
    value = value * WORD_VALUES + index;
  }
  return String(value).padStart(RECEIPT_DIGITS, '0');
}
