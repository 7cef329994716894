import { COLUMN_LIMITS, fitsLimit } from '../database/column-limits';
import { patternProblem } from './regex';
import { isReservedAttributeName, RESERVED_NAME_PROBLEM } from './reserved-attributes';
import type { ServiceRules } from './service-rules';

export type ServiceDefinition = Omit<ServiceRules, 'id'>;

export interface FieldProblem {
  field: string;
  message: string;
}

export class ServiceDefinitionError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** Another service already has this name or pattern. */
export class ServiceConflictError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

const COLUMNS = COLUMN_LIMITS.service_patterns;

/** Column sizes of the service tables (names and attribute names share one size). */
export const LIMITS = {
  name: COLUMNS.name.chars,
  pattern: COLUMNS.pattern.chars,
  text: COLUMNS.user_field.chars,
  valuePattern: COLUMN_LIMITS.service_attribute_rewrites.pattern.chars,
  url: COLUMNS.single_log_out_callback.chars,
} as const;

export const DEFAULT_DEFINITION: Omit<ServiceDefinition, 'name' | 'pattern'> = {
  position: 100,
  userField: '',
  restrictUsers: false,
  allowedUsers: [],
  proxy: false,
  proxyCallback: false,
  singleLogOut: false,
  singleLogOutCallback: '',
  frontChannelLogout: false,
  releasedAttributes: [],
  attributeRewrites: [],
  requiredAttributes: [],
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Checks a definition before it is stored; every problem is reported, not just the first. */
export function checkDefinition(def: ServiceDefinition): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const text = (field: string, value: string, max: number, required = true) => {
    if (required && !value.trim()) errors.push({ field, message: 'must not be empty' });
    else if (!fitsLimit(value, { chars: max })) errors.push({ field, message: `must be at most ${max} characters` });
  };
  const pattern = (field: string, value: string, max: number) => {
    text(field, value, max);
    if (value && fitsLimit(value, { chars: max })) {
      const problem = patternProblem(value);
      if (problem) errors.push({ field, message: problem });
    }
  };
  text('name', def.name, LIMITS.name);
  pattern('pattern', def.pattern, LIMITS.pattern);
  if (!Number.isInteger(def.position) || Math.abs(def.position) > 2_147_483_647) {
    errors.push({ field: 'position', message: 'must be a whole number' });
  }
  text('userField', def.userField, LIMITS.text, false);
  if (def.singleLogOutCallback && !isHttpUrl(def.singleLogOutCallback)) {
    errors.push({ field: 'singleLogOutCallback', message: 'must be an absolute http(s) URL' });
  } else text('singleLogOutCallback', def.singleLogOutCallback, LIMITS.url, false);
  def.allowedUsers.forEach((u, i) => text(`allowedUsers[${i}]`, u, LIMITS.text));
  const released = new Set<string>();
  def.releasedAttributes.forEach((a, i) => {
    text(`releasedAttributes[${i}].name`, a.name, LIMITS.text);
    text(`releasedAttributes[${i}].renameTo`, a.renameTo, LIMITS.text, false);
    if (released.has(a.name)) errors.push({ field: `releasedAttributes[${i}].name`, message: 'is listed twice' });
    // The name the service would receive: the rename, else the attribute's own name.
    if (a.renameTo && isReservedAttributeName(a.renameTo)) {
      errors.push({ field: `releasedAttributes[${i}].renameTo`, message: RESERVED_NAME_PROBLEM });
    } else if (!a.renameTo && isReservedAttributeName(a.name)) {
      errors.push({ field: `releasedAttributes[${i}].name`, message: `${RESERVED_NAME_PROBLEM} (set renameTo)` });
    }
    released.add(a.name);
  });
  def.attributeRewrites.forEach((w, i) => {
    text(`attributeRewrites[${i}].attribute`, w.attribute, LIMITS.text);
    pattern(`attributeRewrites[${i}].pattern`, w.pattern, LIMITS.valuePattern);
    text(`attributeRewrites[${i}].replacement`, w.replacement, LIMITS.valuePattern, false);
  });
  def.requiredAttributes.forEach((r, i) => {
    text(`requiredAttributes[${i}].attribute`, r.attribute, LIMITS.text);
    pattern(`requiredAttributes[${i}].pattern`, r.pattern, LIMITS.valuePattern);
  });
  return errors;
}

type WithRegexes = Pick<ServiceDefinition, 'pattern' | 'attributeRewrites' | 'requiredAttributes'>;

/** The regular expressions of a service that the engine cannot run, by field. */
export function regexProblems(def: WithRegexes): Array<FieldProblem & { source: string }> {
  const fields = [
    { field: 'pattern', source: def.pattern },
    ...def.attributeRewrites.map((w, i) => ({ field: `attributeRewrites[${i}].pattern`, source: w.pattern })),
    ...def.requiredAttributes.map((r, i) => ({ field: `requiredAttributes[${i}].pattern`, source: r.pattern })),
  ];
  return fields.flatMap(({ field, source }) => {
    const message = patternProblem(source);
    return message === null ? [] : [{ field, source, message }];
  });
}
