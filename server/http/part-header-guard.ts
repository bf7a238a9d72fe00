// busboy (inside @fastify/multipart) does not refuse a part whose header block is over its limits:
// it keeps the first `headerPairs` lines and `headerSize` bytes and silently drops the rest. A
// Content-Disposition past the limit then makes a whole answer or screenshot vanish from a report
// that is accepted all the same. busboy also skips a part without a form-data Content-Disposition,
// and when such a part is larger than its stream buffer (16 KB), it never finishes the body: the
// request would hang for ever. This guard reads the same bytes as busboy, split the same way (by
// `\r\n--boundary`, header block up to the first blank line), and reports the first part that is
// over a header limit or that busboy would skip, as soon as its header block is seen, so the request
// is refused instead of cut or left hanging.

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const DASH = 0x2d;
const EMPTY = Buffer.alloc(0);

// RFC 2046 boundary characters; anything else is refused before parsing rather than guessed at.
const BOUNDARY_PARAM = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;"]+))/i;
const BOUNDARY_CHARS = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary of a multipart/form-data content type, or null when it is missing or not RFC 2046. */
export function multipartBoundary(contentType: string | undefined): string | null {
  const match = BOUNDARY_PARAM.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  return boundary !== undefined && BOUNDARY_CHARS.test(boundary) ? boundary : null;
}

/** Over the header pairs or bytes limit, or no form-data Content-Disposition (RFC 7578 requires one). */
export type HeaderProblem = 'pairs' | 'bytes' | 'not-form-data';

export class PartHeaderGuard {
  /** The first problem found in a part's header block, if any. */
  exceeded: HeaderProblem | undefined;
  /** Called once, when the first problem is found. */
  onProblem: ((problem: HeaderProblem) => void) | undefined;

  private readonly delimiter: Buffer;
  // Like busboy's Dicer, start with a CRLF so the first boundary needs no special case.
  private carry: Buffer = Buffer.from('\r\n');
  private atPartStart = false;
  private inPart = false;
  private done = false;
  private headerDecided = false;
  private header: Buffer[] = [];
  private headerLength = 0;

  constructor(
    boundary: string,
    private readonly limits: { pairs: number; bytes: number },
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  push(chunk: Buffer): void {
    if (this.done) return;
    let data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = EMPTY;
    for (;;) {
      if (this.atPartStart) {
        // Two dashes right after a boundary close the body; anything else opens a part.
        if (data.length < 2) {
          this.carry = data;
          return;
        }
        if (data[0] === DASH && data[1] === DASH) {
          this.done = true;
          return;
        }
        this.atPartStart = false;
        this.inPart = true;
        this.headerDecided = false;
        this.header = [];
        this.headerLength = 0;
      }
      const at = data.indexOf(this.delimiter);
      const safeEnd = at === -1 ? Math.max(0, data.length - (this.delimiter.length - 1)) : at;
      if (this.inPart) this.collectHeader(data.subarray(0, safeEnd));
      if (this.exceeded) {
        this.done = true;
        return;
      }
      if (at === -1) {
        this.carry = data.subarray(safeEnd);
        return;
      }
      // A part whose header block never ended is skipped by busboy too: nothing to check.
      data = data.subarray(at + this.delimiter.length);
      this.atPartStart = true;
    }
  }

  private collectHeader(bytes: Buffer): void {
    if (this.headerDecided || bytes.length === 0) return;
    const room = this.limits.bytes + CRLF_CRLF.length - this.headerLength;
    const taken = bytes.subarray(0, room);
    this.header.push(taken);
    this.headerLength += taken.length;
    const header = Buffer.concat(this.header);
    const end = header.indexOf(CRLF_CRLF);
    if (end === -1) {
      if (this.headerLength >= this.limits.bytes + CRLF_CRLF.length) {
        this.headerDecided = true;
        this.report('bytes');
      }
      return;
    }
    this.headerDecided = true;
    if (end > this.limits.bytes) return this.report('bytes');
    const lines = headerLines(header.subarray(0, end).toString('latin1'));
    if (lines.length > this.limits.pairs) return this.report('pairs');
    const disposition = lines.find((line) => /^content-disposition:/i.test(line));
    const type = disposition?.slice(disposition.indexOf(':') + 1).split(';')[0]?.trim();
    if (!type || !/^form-data$/i.test(type)) this.report('not-form-data');
  }

  private report(problem: HeaderProblem): void {
    if (this.exceeded) return;
    this.exceeded = problem;
    this.onProblem?.(problem);
  }
}

/** Header lines as busboy reads them: folded lines belong to the one before, a malformed line ends the block. */
function headerLines(block: string): string[] {
  const lines: string[] = [];
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1] += line;
      continue;
    }
    if (line.includes('\r') || line.includes('\n') || line.indexOf(':') <= 0) break;
    lines.push(line);
  }
  return lines;
}
