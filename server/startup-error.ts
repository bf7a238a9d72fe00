/** The exit status of a start that may well succeed a moment later (EX_TEMPFAIL): PostgreSQL not answering yet. */
export const EXIT_TRY_AGAIN = 75;

/**
 * The server refuses to start, and says why in words an operator can act on: the message is
 * printed as it is, without a stack trace, and the process exits with `exitCode`: 1 for a refusal
 * that starting again would meet too (systemd's units do not restart it), EXIT_TRY_AGAIN for one
 * that may be gone in a moment (they start it again after RestartSec).
 */
export class StartupError extends Error {
  override name = 'StartupError';

  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}
