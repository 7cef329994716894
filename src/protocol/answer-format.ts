import { param } from './params';

/** The CAS 2.0/3.0 XML namespace of every `cas:serviceResponse`. */
export const CAS_NS = 'http://www.yale.edu/tp/cas';

export type Format = 'XML' | 'JSON';

/** `format` (CAS 3.0 §2.5.1): XML unless JSON is asked for, any case. */
export const formatParam = param(16)
  .refine((value) => value === undefined || ['XML', 'JSON'].includes(value.toUpperCase()), 'format must be XML or JSON')
  .transform((value): Format => (value?.toUpperCase() === 'JSON' ? 'JSON' : 'XML'));

/** The answer format a request asked for; XML when it cannot be read. */
export function formatOf(query: unknown): Format {
  const format = formatParam.safeParse((query as Record<string, unknown> | null | undefined)?.format);
  return format.success ? format.data : 'XML';
}
