import { timingSafeEqual } from 'node:crypto';

/** String equality whose duration reveals neither where the strings differ nor their lengths. */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  const size = Math.max(left.length, right.length, 1);
  const l = Buffer.alloc(size);
  const r = Buffer.alloc(size);
  left.copy(l);
  right.copy(r);
  return timingSafeEqual(l, r) && left.length === right.length;
}
