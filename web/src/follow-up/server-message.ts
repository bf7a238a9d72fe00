// The server answers in Dutch; in English the follow-up page shows these instead, by error code.
import { currentLanguage } from '../i18n/index';

const ENGLISH: Partial<Record<string, string>> = {
  not_found: 'We do not know this code. Check that you typed it correctly.',
  rate_limited: 'Please wait. Try again in a few minutes.',
};

export function serverMessage(code: string, message: string): string {
  return currentLanguage() === 'en' ? (ENGLISH[code] ?? message) : message;
}
