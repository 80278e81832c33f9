import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { InvalidUtf8Error, Utf8Guard } from './utf8-guard';

/** Sends `bytes` through a guard in chunks of `size` bytes. */
async function through(bytes: Buffer, size: number): Promise<Buffer> {
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );
  return buffer(Readable.from(chunks).pipe(new Utf8Guard()));
}

async function lineOfError(bytes: Buffer, size: number): Promise<number | null> {
  try {
    await through(bytes, size);
    return null;
  } catch (error) {
    if (error instanceof InvalidUtf8Error) return error.line;
    throw error;
  }
}

describe('Utf8Guard', () => {
  const text = Buffer.from('header\ncafé ✓ 🏥\n\u00e9\u00e8\u00ea\nend');

  it('passes UTF-8 through unchanged, whatever the chunk boundaries', async () => {
    for (const size of [1, 2, 3, 5, 64]) expect(await through(text, size)).toEqual(text);
  });

  it.each([
    ['a bad byte', Buffer.from([0xff])],
    ['a truncated sequence inside a line', Buffer.from([0xc3, 0x28])],
    ['a surrogate encoded as UTF-8', Buffer.from([0xed, 0xa0, 0x80])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf])],
  ])('refuses %s and names its line', async (_, bad) => {
    const bytes = Buffer.concat([Buffer.from('one\ntwo\nthree '), bad, Buffer.from(' rest\nfour\n')]);
    for (const size of [1, 2, 7, 1024]) expect(await lineOfError(bytes, size)).toBe(3);
  });

  it('refuses a file that ends inside a sequence', async () => {
    expect(await lineOfError(Buffer.concat([Buffer.from('a\nb '), Buffer.from([0xe2, 0x9c])]), 4)).toBe(2);
  });
});
