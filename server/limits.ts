// Every limit the server enforces, in one place, so tests can probe each one at its edge.

/** Screenshots per report (and per follow-up message). */
export const MAX_SCREENSHOTS = 5;
/** Bytes of one uploaded screenshot, before re-encoding. */
export const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;
/** Pixels (width x height) an image may declare; checked from the header, before decoding. */
export const MAX_SCREENSHOT_PIXELS = 25_000_000;

/** Characters of the free-text description of what happened. */
export const MAX_DESCRIPTION_LENGTH = 5000;
/** Characters of short free-text fields: name, target, perpetrators. */
export const MAX_SHORT_TEXT_LENGTH = 200;
/** Characters of an e-mail address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;
/** Characters of a follow-up message from a reporter or from staff. */
export const MAX_MESSAGE_LENGTH = 2000;

/** Bytes of a JSON request body. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
/** Non-file fields in one multipart request (every list item counts once). */
export const MAX_MULTIPART_FIELDS = 60;
/** Bytes of one non-file multipart field: the description in UTF-8 (up to 4 bytes a character). */
export const MAX_MULTIPART_FIELD_BYTES = MAX_DESCRIPTION_LENGTH * 4;
/** Parts (fields plus files) in one multipart request. */
export const MAX_MULTIPART_PARTS = MAX_MULTIPART_FIELDS + MAX_SCREENSHOTS;
/** Header pairs in one multipart part. */
export const MAX_MULTIPART_HEADER_PAIRS = 20;
/** Reports from one address in one window: a whole class behind one school address gets through. */
export const REPORT_RATE_LIMIT = 30;
/** The window of REPORT_RATE_LIMIT. */
export const REPORT_RATE_WINDOW_MS = 5 * 60 * 1000;

/** Follow-up look-ups and answers from one address in one window; codes are 53 bits, so this is no lock. */
export const FOLLOW_UP_RATE_LIMIT = 60;
/** The window of FOLLOW_UP_RATE_LIMIT. */
export const FOLLOW_UP_RATE_WINDOW_MS = 5 * 60 * 1000;
