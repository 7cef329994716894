import { ValueTransformer } from 'typeorm';
import type { Attributes } from '../common/attributes';

/**
 * Times are stored as milliseconds since the epoch in BIGINT columns: the same type, precision
 * and comparison semantics on SQLite and MySQL, with no time-zone conversions in drivers.
 * mysql2 returns BIGINT as a string, hence the transformer.
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** Attributes are kept as JSON text, portable across both databases. */
export const attributesJson: ValueTransformer = {
  to: (value: Attributes | null | undefined) => (value === undefined ? undefined : JSON.stringify(value ?? {})),
  from: (value: string | null) => (value ? (JSON.parse(value) as Attributes) : {}),
};

export const stringListJson: ValueTransformer = {
  to: (value: string[] | null | undefined) => (value === undefined ? undefined : JSON.stringify(value ?? [])),
  from: (value: string | null) => (value ? (JSON.parse(value) as string[]) : []),
};
