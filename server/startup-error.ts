/**
 * The server refuses to start, and says why in words an operator can act on: the message is
 * printed as it is, without a stack trace, and the process exits with status 1.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
