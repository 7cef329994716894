import type { FindOptionsSelect, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';

/**
 * Deletes up to `limit` rows matching `where`; returns how many went. The ids are selected
 * first, so one call holds its locks for one bounded batch however large the backlog
 * (the cleanup jobs call it until a batch comes back short).
 */
export async function deleteBatch<E extends ObjectLiteral & { id: string }>(
  repo: Repository<E>,
  where: FindOptionsWhere<E> | FindOptionsWhere<E>[],
  limit: number,
): Promise<number> {
  // TypeScript cannot resolve `{ id: true }` against the mapped type of a generic entity.
  const onlyId = { id: true } as FindOptionsSelect<E>;
  const rows = await repo.find({ select: onlyId, where, take: limit });
  if (rows.length === 0) return 0;
  const result = await repo.delete(rows.map((r) => r.id));
  return result.affected ?? 0;
}
