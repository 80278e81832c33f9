// Keyset pagination for every list (SPEC §4: `limit` 1-200, default 50, opaque `cursor`,
// answer `{items, nextCursor}`). Newest first; ties broken by id, so pages never overlap.
import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The [sort key, id] keyset of a cursor; 400 when it is not one this API issued. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string')) {
      return parsed as [string, string];
    }
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException(['cursor must be a nextCursor returned by this list']);
}

/**
 * The query of one page: the cursor's keyset, `ORDER BY <sortColumn> DESC, id DESC` and one row more
 * than the page holds (to know whether another page follows). Exported so that a list's exact SQL
 * can be EXPLAINed (the index tests).
 */
export function pageQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  sortColumn: string,
  page: PageQuery,
): SelectQueryBuilder<T> {
  if (page.cursor) {
    const [key, id] = decodeCursor(page.cursor);
    qb.andWhere(`(${sortColumn}, ${alias}.id) < (:cursorKey, :cursorId)`, { cursorKey: key, cursorId: id });
  }
  return qb
    .orderBy(sortColumn, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take((page.limit ?? 50) + 1);
}

/**
 * Applies `ORDER BY <sortColumn> DESC, id DESC` with the keyset of the cursor and returns one page.
 * `sortColumn` is an SQL expression such as `w.observed_on`; `sortKeyOf` reads it from an item.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  sortColumn: string,
  sortKeyOf: (item: T) => string,
  page: PageQuery,
): Promise<Page<T>> {
  return pageOf(await pageQuery(qb, alias, sortColumn, page).getMany(), page.limit ?? 50, sortKeyOf);
}

/** A page from the `limit + 1` rows of a keyset query (for lists that run their own SQL). */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, sortKeyOf: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify([sortKeyOf(last), last.id])).toString('base64url') : null;
  return { items, nextCursor };
}
