// Passes bytes through unchanged while checking they are UTF-8. Node would otherwise decode a bad byte
// (or a surrogate encoded as UTF-8) to U+FFFD and the import would store text the file never held.
// The check is native (buffer.isUtf8); only a sequence cut by a chunk boundary is carried over.
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

export class InvalidUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is not UTF-8 text: save the file as UTF-8`);
  }
}

const NEWLINE = 0x0a;

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** How many leading bytes end on a whole UTF-8 sequence (at most 3 trailing bytes are held back). */
function wholeSequencesLength(bytes: Buffer): number {
  const end = bytes.length;
  for (let back = 1; back <= Math.min(4, end); back++) {
    const byte = bytes[end - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return back < length ? end - back : end;
  }
  return end;
}

export class Utf8Guard extends Transform {
  private carry: Buffer | null = null;
  /** Line of the first byte not yet passed on. */
  private line = 1;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = wholeSequencesLength(bytes);
    const whole = cut === bytes.length ? bytes : bytes.subarray(0, cut);
    this.carry = cut === bytes.length ? null : Buffer.from(bytes.subarray(cut));
    if (!isUtf8(whole)) return done(new InvalidUtf8Error(this.firstBadLine(whole)));
    this.line += countNewlines(whole);
    done(null, whole);
  }

  override _flush(done: TransformCallback): void {
    // A file that ends inside a multi-byte sequence.
    done(this.carry ? new InvalidUtf8Error(this.line) : null);
  }

  // Only on the error path: a newline byte never occurs inside a multi-byte sequence, so lines can
  // be checked one by one.
  private firstBadLine(bytes: Buffer): number {
    let line = this.line;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); ; end = bytes.indexOf(NEWLINE, start)) {
      if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) return line;
      if (end === -1) return line;
      start = end + 1;
      line++;
    }
  }
}
