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

/** Byte equality whose duration reveals neither where the values differ nor their lengths. */
export function constantTimeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  const size = Math.max(a.length, b.length, 1);
  const l = Buffer.alloc(size);
  const r = Buffer.alloc(size);
  l.set(a);
  r.set(b);
  return timingSafeEqual(l, r) && a.length === b.length;
}
