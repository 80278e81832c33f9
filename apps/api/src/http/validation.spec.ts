import { BadRequestException } from '@nestjs/common';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { MAX_BODY_DEPTH, structuralProblems, validationPipe } from './validation';

class NameDto {
  @IsString()
  @MaxLength(10)
  name: string;
}

async function messagesOf(value: unknown): Promise<string[]> {
  try {
    await validationPipe().transform(value, { type: 'body', metatype: NameDto });
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return (error.getResponse() as { message: string[] }).message;
  }
}

describe('structuralProblems', () => {
  it('names NUL characters and lone surrogates by their field path', () => {
    expect(structuralProblems({ name: 'a\u0000b', steps: [{ name: 'x\ud800' }] })).toEqual({
      before: ['steps.0.name must be valid Unicode text (it holds an unpaired surrogate)'],
      after: ['name must not contain NUL characters'],
    });
  });

  it('accepts surrogate pairs, emoji and every other character', () => {
    expect(structuralProblems({ name: '🚑 é \u202e \ufe0f \u0007 <script>' })).toEqual({ before: [], after: [] });
  });

  it('refuses the keys class-transformer would silently drop', () => {
    expect(
      structuralProblems(
        JSON.parse('{"name":"x","__proto__":{"admin":true},"a":{"constructor":1},"valueOf":2}'),
      ).before.sort(),
    ).toEqual([
      'property __proto__ should not exist',
      'property a.constructor should not exist',
      'property valueOf should not exist',
    ]);
  });

  it('stops at the depth limit without recursing', () => {
    const deep = JSON.parse(`{"name":${'['.repeat(200_000)}1${']'.repeat(200_000)}}`);
    expect(structuralProblems(deep).before).toEqual([
      `name.0${'.0'.repeat(MAX_BODY_DEPTH - 2)} is nested more than ${MAX_BODY_DEPTH} levels deep`,
    ]);
  });
});

describe('validationPipe', () => {
  it('answers the decorators and the text rules together, each naming its field', async () => {
    expect((await messagesOf({ name: 'far too long\u0000' })).sort()).toEqual([
      'name must be shorter than or equal to 10 characters',
      'name must not contain NUL characters',
    ]);
  });

  it('answers a body nested 100,000 deep with 400, not a stack overflow', async () => {
    const deep = JSON.parse(`{"name":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`);
    expect(await messagesOf(deep)).toEqual([
      expect.stringMatching(new RegExp(`^name\\.a.* is nested more than ${MAX_BODY_DEPTH} levels deep$`)),
    ]);
  });

  it('leaves a body without a DTO (a bare array) to the route, and judges a single text value by its name', async () => {
    const pipe = validationPipe();
    const points = [{ periodStart: '2025-01-06', value: 1 }, 'x\ud800'];
    await expect(pipe.transform(points, { type: 'body', metatype: Array })).resolves.toBe(points);
    await expect(pipe.transform('a\u0000', { type: 'query', metatype: String, data: 'month' })).rejects.toMatchObject({
      response: { message: ['month must not contain NUL characters'] },
    });
  });

  it('refuses a lone surrogate before the validators run (isEmail would throw on it)', async () => {
    class EmailDto {
      @IsEmail()
      email: string;
    }
    await expect(
      validationPipe().transform({ email: 'a\ud800@x.nhs.uk' }, { type: 'body', metatype: EmailDto }),
    ).rejects.toMatchObject({
      response: { message: ['email must be valid Unicode text (it holds an unpaired surrogate)'] },
    });
  });

  it('passes a valid body through, transformed', async () => {
    const pipe = validationPipe();
    await expect(pipe.transform({ name: 'ok 🚑' }, { type: 'body', metatype: NameDto })).resolves.toBeInstanceOf(
      NameDto,
    );
  });
});
