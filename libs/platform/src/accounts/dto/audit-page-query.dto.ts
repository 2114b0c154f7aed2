import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Paging of an audit list, newest first; each audit adds its own filters. */
export class AuditPageQueryDto {
  @ApiPropertyOptional({ description: 'cursor: nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/**
 * One page of an audit: fetch `limit + 1` rows (newest first, ids as strings), answer `limit` of
 * them and the cursor of the next page when there is one.
 */
export async function auditPage<T extends { id: string }, V>(
  query: AuditPageQueryDto,
  fetch: (before: string | undefined, limit: number) => Promise<T[]>,
  view: (row: T) => V,
): Promise<{ items: V[]; nextCursor: string | null }> {
  const limit = query.limit ?? 100;
  const rows = await fetch(query.cursor, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(view), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
