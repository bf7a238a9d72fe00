// PostgreSQL that is stopped, restarting or out of reach: the errors pg and the server give then.
// Nothing of the request was committed when one of these ends it (or the commit's answer was lost,
// and the reporter is told to try again): the request is refused with a 503, never a 500.

/** SQLSTATE classes and codes of a server that is going away or not there yet. */
const UNREACHABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
/** Socket errors of a server that is stopped or out of reach. */
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg's own errors for a connection that ended under a query (they carry no code). */
const CONNECTION_ENDED = /^Connection terminated|^Client has encountered a connection error|^timeout expired|connection timeout/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') {
      if (UNREACHABLE_SQLSTATES.has(code) || code.startsWith('08') || UNREACHABLE_SOCKET_CODES.has(code)) return true;
    }
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnreachable)) return true;
    if (CONNECTION_ENDED.test(current.message)) return true;
  }
  return false;
}
