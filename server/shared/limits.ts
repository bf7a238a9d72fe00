// Every limit the server enforces, in one place, so tests can probe each one at its edge.

/** Screenshots per report (and per follow-up message). */
export const MAX_SCREENSHOTS = 5;
/** Bytes of one uploaded screenshot, before re-encoding. */
export const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;
/** Pixels (width x height) an image may declare; checked from the header, before decoding. */
export const MAX_SCREENSHOT_PIXELS = 25_000_000;
/**
 * Pixels of all images being decoded at once, across every request: two full-size photos. With at
 * most one decode per core (server/screenshots/image-queue.ts) this bounds the memory a burst of
 * allowed uploads can take, and keeps threads free for everything else.
 */
export const MAX_IMAGE_PIXELS_IN_FLIGHT = 2 * MAX_SCREENSHOT_PIXELS;
/**
 * Bytes of multipart bodies (reports and follow-ups with screenshots) being read, sanitised and stored
 * at once, across every request, counted by their Content-Length; the others wait their turn unread
 * (server/screenshots/upload-room.ts). A body alone always gets through, however large.
 */
export const MAX_UPLOAD_BYTES_IN_FLIGHT = 32 * 1024 * 1024;
/** A re-encoded JPEG larger than its upload is encoded again at this quality (still readable as evidence). */
export const JPEG_FALLBACK_QUALITY = 70;
/** Screenshot bytes (as uploaded) one client address may send per day, reports and follow-ups together; counted in memory. */
export const UPLOAD_MIB_PER_ADDRESS_PER_DAY = 500;
/** Screenshot bytes (as uploaded) one school may receive per day, from everyone together; counted in memory. */
export const UPLOAD_MIB_PER_SCHOOL_PER_DAY = 2048;
/** Below this much free space on the disk of DATA_DIR, screenshots are refused (text still gets through). */
export const UPLOAD_DISK_FREE_MIN_MIB = 256;
/** Retry-After of a 503 while the database cannot store (a full disk): the client may try again after this. */
export const STORAGE_RETRY_AFTER_SECONDS = 60;
/**
 * Times a report is sent again after its school's contact table changed while it was being written
 * (server/reports/submit-report.ts storeReport); then it is refused with 503 and nothing is stored. A
 * change is one committed edit (a board admin's, the school-year job's), and a report's write takes
 * milliseconds: a table meets this only while something changes it without pause.
 */
export const MAX_SCHOOL_CHANGE_RETRIES = 5;

/** Characters of the free-text description of what happened. */
export const MAX_DESCRIPTION_LENGTH = 5000;
/** Characters of short free-text fields: name, target, perpetrators. */
export const MAX_SHORT_TEXT_LENGTH = 200;
/** Characters of an e-mail address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;
/**
 * Characters of a receipt code as typed at /volgen: six words of up to seven letters with dashes are 47,
 * and a child may type spaces, two between words or around the code.
 */
export const MAX_RECEIPT_INPUT_LENGTH = 64;
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
/** Bytes of the header block of one multipart part (a long file name fits many times over). */
export const MAX_MULTIPART_HEADER_BYTES = 8 * 1024;
/** Bytes of a multipart field name; busboy does not enforce its own fieldNameSize for multipart. */
export const MAX_MULTIPART_FIELD_NAME_BYTES = 100;
/** Reports from one address in one window: a whole class behind one school address gets through. */
export const REPORT_RATE_LIMIT = 30;
/** The window of REPORT_RATE_LIMIT. */
export const REPORT_RATE_WINDOW_MS = 5 * 60 * 1000;

/**
 * Characters of the `submission` key the report form sends with every try of one report (22 is 128 bits
 * in base64url): the same report sent again with it gets the first receipt back instead of a second report.
 */
export const MIN_SUBMISSION_KEY_LENGTH = 22;
export const MAX_SUBMISSION_KEY_LENGTH = 64;
/** How long the server remembers a report's `submission` key (in memory, with the receipt sealed under the key). */
export const SUBMISSION_MEMORY_MS = 60 * 60 * 1000;
/** Reports whose `submission` key is remembered at once; beyond this the oldest is forgotten first. */
export const MAX_REMEMBERED_SUBMISSIONS = 10_000;

/** Follow-up look-ups and answers from one address in one window; codes are 48 bits, so this is no lock. */
export const FOLLOW_UP_RATE_LIMIT = 60;
/** The window of FOLLOW_UP_RATE_LIMIT. */
export const FOLLOW_UP_RATE_WINDOW_MS = 5 * 60 * 1000;

// --- Staff portal ---

/** How long a one-time login link works. */
export const STAFF_LOGIN_LINK_TTL_MS = 15 * 60 * 1000;
/** Login requests (and link redemptions) from one address in one window. */
export const STAFF_LOGIN_RATE_LIMIT = 10;
/** The window of STAFF_LOGIN_RATE_LIMIT. */
export const STAFF_LOGIN_RATE_WINDOW_MS = 15 * 60 * 1000;
/**
 * Login links mailed to one staff address in one window, whoever asks: a short window, so links are
 * spaced rather than capped. Only mailed links count, so a stranger's requests slow a flood from many
 * addresses but never lock the person out for longer than the window.
 */
export const STAFF_LINKS_PER_ADDRESS = 5;
/** The window of STAFF_LINKS_PER_ADDRESS: at most one link a minute on average. */
export const STAFF_LINKS_PER_ADDRESS_WINDOW_MS = 5 * 60 * 1000;
/** Login links mailed to one address at the request of one requester (client address) in one window. */
export const STAFF_LINKS_PER_REQUESTER = 3;
/** The window of STAFF_LINKS_PER_REQUESTER. */
export const STAFF_LINKS_PER_REQUESTER_WINDOW_MS = 60 * 60 * 1000;
/** Address-and-requester pairs the in-memory link throttle remembers; past it the oldest is forgotten. */
export const MAX_LINK_THROTTLE_ENTRIES = 10_000;
/** A session ends after this long without a request. */
export const STAFF_SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session ends after this long whatever happens: a school day, then log in again. */
export const STAFF_SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reading a page does not cost a disk sync each time. */
export const STAFF_SESSION_TOUCH_MS = 60 * 1000;
/** Characters of a staff-only note; messages to the reporter are bounded by MAX_MESSAGE_LENGTH. */
export const MAX_STAFF_NOTE_LENGTH = 4000;
/** Characters of the short note with a protocol step or a closing. */
export const MAX_STEP_NOTE_LENGTH = 1000;
/** Reports on one page of the inbox when the client does not ask for fewer. */
export const STAFF_INBOX_PAGE_SIZE = 25;
/** The most reports one page of the inbox may hold. */
export const MAX_STAFF_INBOX_PAGE_SIZE = 100;
/** Audit entries on one page. */
export const STAFF_AUDIT_PAGE_SIZE = 50;
/** Months the statistics page may cover at once: two school years, enough to compare one with the last. */
export const MAX_STATISTICS_RANGE_MONTHS = 24;
/** The earliest day a staff filter or the statistics page accepts: no school report is older. */
export const EARLIEST_STAFF_DAY = '2000-01-01';
/** The latest day a staff filter or the statistics page accepts: far enough, and date arithmetic stays in range. */
export const LATEST_STAFF_DAY = '2099-12-31';
/** School days a new report may stay unopened before the anti-pestcoördinators are reminded. */
export const REMINDER_COORDINATOR_SCHOOL_DAYS = 2;
/** School days a new report may stay unopened before the directeur is reminded too. */
export const REMINDER_DIRECTOR_SCHOOL_DAYS = 5;
/** How often the background job looks for reminders and expired cases. */
export const MAINTENANCE_INTERVAL_MS = 15 * 60 * 1000;
/** Months a closed case is kept (after closing or the reporter's last input) unless RETENTION_MONTHS says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 12;
/** Characters of a login token a client may send; ours are 43, anything longer is not worth a look-up. */
export const MAX_LOGIN_TOKEN_LENGTH = 100;

// --- Second factor (TOTP, RFC 6238) for the staff portal ---

/** Bytes of a TOTP secret: 160 bits, the HMAC-SHA1 block RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;
/** Digits of a TOTP code as authenticator apps show them. */
export const TOTP_DIGITS = 6;
/** Seconds of one TOTP time step. */
export const TOTP_STEP_SECONDS = 30;
/** Time steps a code may be off either way: the phone's clock and typing take a little while. */
export const TOTP_WINDOW_STEPS = 1;
/** Wrong codes one session may send (at login, or turning TOTP on or off) before it is ended. */
export const STAFF_TOTP_MAX_FAILURES = 5;
/** Code attempts (login, turning on or off) from one address in one window. */
export const STAFF_TOTP_RATE_LIMIT = 20;
/** The window of STAFF_TOTP_RATE_LIMIT. */
export const STAFF_TOTP_RATE_WINDOW_MS = 15 * 60 * 1000;
/**
 * Turning the second factor on or off, or resetting a colleague's, needs a session opened this
 * recently: a cookie taken from an unattended laptop cannot change how its owner logs in.
 */
export const STAFF_FRESH_LOGIN_MS = 10 * 60 * 1000;
/** Recovery codes handed out once when TOTP is turned on; each opens one login without the app. */
export const TOTP_RECOVERY_CODES = 10;
/** Characters of a recovery code (from a 32-letter alphabet: 5 bits each, so 50 bits). */
export const TOTP_RECOVERY_CODE_LENGTH = 10;

// --- Connections (slow or idle clients must not hold the server) ---

/** A client has this long to send its request headers; a connection that drips bytes is closed after it. */
export const HEADERS_TIMEOUT_MS = 10_000;
/**
 * A client has this long to send a whole request, body included, unless REQUEST_TIMEOUT_SECONDS says
 * otherwise: five 10 MB screenshots at about 4 Mbit/s, with room to spare.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** A connection on which nothing moves either way for this long is closed. */
export const CONNECTION_IDLE_TIMEOUT_MS = 60_000;
/** An idle keep-alive connection is closed after this long (a browser opens a new one when needed). */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** On SIGTERM, requests under way get this long to finish; then every open connection is closed. */
export const SHUTDOWN_DEADLINE_MS = 10_000;
/** How often the HTTP server looks for connections past HEADERS_TIMEOUT_MS or the request timeout. */
export const CONNECTION_CHECK_INTERVAL_MS = 1_000;
/** Open connections at once; past it new ones are closed at once, well before the process runs out of file descriptors. */
export const MAX_CONNECTIONS = 512;

// --- Staff sign-in through OpenID Connect ---

/** How long a sign-in at the school's provider may take from the button to the callback. */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60 * 1000;
/** A provider that has not answered a discovery, key or token request within this is down. */
export const OIDC_PROVIDER_TIMEOUT_MS = 10_000;
/**
 * Sign-in starts and callbacks from one address per STAFF_LOGIN_RATE_WINDOW_MS: a whole staff room
 * behind one school address signs in at 8 o'clock, each with two requests.
 */
export const OIDC_SIGN_IN_RATE_LIMIT = 120;

/** A school's own retention period, in months, as a board admin may set it. */
export const MIN_SCHOOL_RETENTION_MONTHS = 1;
export const MAX_SCHOOL_RETENTION_MONTHS = 120;
/** Names of schools, contacts and board admins, and a contact's note. */
export const SCHOOL_TEXT_MAX = 200;
/**
 * Days off a school adds itself per school year (studiedagen, an extra holiday week); the national
 * holidays come with the portal. A school has some 5–10 studiedagen a year.
 */
export const MAX_SCHOOL_DAYS_OFF_PER_YEAR = 30;
/** How far ahead a case's look-back day may lie: half a year, past the end of a term. */
export const MAX_FOLLOW_UP_DAYS_AHEAD = 183;
/**
 * The board's figures show a count from 1 to below this as "< 5" (decided on the server; the
 * number itself is never sent), and a median time to first opening only over at least this many reports.
 */
export const MIN_SHOWN_COUNT = 5;
/** The handler of a closed case is warned this many days before its content is deleted. */
export const RETENTION_WARNING_DAYS = 7;
/**
 * Without a mail server, mails are written to DATA_DIR/mail as .eml files; they are deleted this many
 * days after they were written, as a mailbox would be emptied: long past a login link's 15 minutes,
 * and well before any case's content is deleted (a month at the least).
 */
export const MAIL_FILE_RETENTION_DAYS = 14;
