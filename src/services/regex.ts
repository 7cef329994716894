import { RE2JS, RE2JSException } from 're2js';

/**
 * Regular expressions written by administrators (service patterns, rewrites, required values).
 *
 * They run on re2js, the pure JavaScript port of RE2: matching takes time linear in the text,
 * whatever the pattern, so no pattern and no URL or attribute value can hold the event loop
 * (ReDoS). The native `re2` binding would be faster but needs a compiler at install time
 * (npm install scripts, node-gyp); re2js has no dependencies and installs as plain files.
 *
 * django-cas-server stored Python `re` syntax. RE2 accepts most of it as it is (`(?P<name>…)`,
 * `(?i)`, `\A`); the few Python-only spellings are translated, and what RE2 cannot express in
 * linear time (back-references, look-around, atomic groups) is refused, naming the construct.
 */

/** A pattern the engine cannot run; the message completes "the pattern …". */
export class PatternError extends Error {}

/**
 * The compiled program's size (RE2's measure of matching cost per character) above which a
 * pattern is refused: real patterns stay under a few hundred; the bound keeps the linear
 * factor small (`[a-z]{1000}`-style repetitions multiply it).
 */
export const MAX_PROGRAM_SIZE = 2000;

const CONSTRUCTS: Array<[RegExp, string]> = [
  [/^\(\?P=\w*\)?/, 'the back-reference'],
  [/^\(\?[=!]/, 'the look-ahead'],
  [/^\(\?<[=!]/, 'the look-behind'],
  [/^\(\?>/, 'the atomic group'],
  [/^\(\?\(/, 'the conditional group'],
  [/^\\k<\w*>?/, 'the back-reference'],
  [/^\\[1-9]\d?/, 'the back-reference'],
];

function refused(construct: string, text: string): PatternError {
  return new PatternError(
    `uses ${construct} ${text}, which the linear-time regular expression engine (RE2) cannot run`,
  );
}

/**
 * A running estimate of the compiled program's size, so that a pattern like `(?:.{1000}){1000}`
 * is refused before the compiler spends seconds expanding it: each atom costs 1, a group the
 * sum of its parts, a counted repetition multiplies what it repeats.
 */
class SizeEstimate {
  private readonly frames: Array<{ total: number; last: number }> = [{ total: 0, last: 0 }];

  get total(): number {
    return this.frames[0].total;
  }
  private get top() {
    return this.frames[this.frames.length - 1];
  }
  atom(): void {
    this.top.total += 1;
    this.top.last = 1;
  }
  open(): void {
    this.frames.push({ total: 0, last: 0 });
  }
  close(): void {
    // An unbalanced `)` is RE2's to report.
    const group = this.frames.length > 1 ? (this.frames.pop() as { total: number }) : { total: 0 };
    this.top.total += group.total + 1;
    this.top.last = group.total + 1;
  }
  alternative(): void {
    this.top.total += 1;
    this.top.last = 0;
  }
  repeat(times: number): void {
    this.top.total += this.top.last * Math.max(times - 1, 0) + 1;
    this.top.last *= Math.max(times, 1);
  }
}

/** An escape as one unit: `\x{…}`, `\p{…}`, `\P{…}`, or a backslash and one character. */
function escapeAt(source: string, i: number): string {
  const braced = /^\\[xpP]\{[^}]*\}/.exec(source.slice(i, i + 64));
  return braced ? braced[0] : source.slice(i, i + 2);
}

/** The pattern in RE2 syntax, and an estimate of its program size. */
function translate(source: string): { re2: string; size: number } {
  let out = '';
  let inClass = false;
  const size = new SizeEstimate();
  for (let i = 0; i < source.length; i++) {
    const rest = source.slice(i, i + 16);
    const ch = source[i];
    const unicode = /^\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(rest);
    if (unicode) {
      out += `\\x{${unicode[1] ?? unicode[2]}}`;
      i += unicode[0].length - 1;
      if (!inClass) size.atom();
      continue;
    }
    if (inClass) {
      const posix = /^\[:\^?[a-z]+:\]/.exec(rest);
      const unit = ch === '\\' ? escapeAt(source, i) : posix ? posix[0] : ch;
      if (ch === ']') {
        inClass = false;
        size.atom();
      }
      out += unit;
      i += unit.length - 1;
      continue;
    }
    for (const [syntax, construct] of CONSTRUCTS) {
      const found = syntax.exec(rest);
      if (found) throw refused(construct, found[0]);
    }
    const counted = /^\{(\d*)(?:(,)(\d*))?\}/.exec(rest);
    if (ch === '\\') {
      const unit = escapeAt(source, i);
      out += unit === '\\Z' ? '\\z' : unit;
      i += unit.length - 1;
      size.atom();
    } else if (ch === '[') {
      // A `]` right after `[` or `[^` is a literal, in Python as in RE2.
      const opening = /^\[\^?\]?/.exec(rest) as RegExpExecArray;
      out += opening[0];
      i += opening[0].length - 1;
      inClass = true;
    } else if (counted && (counted[1] !== '' || counted[2] === ',')) {
      const [, min, comma, max] = counted;
      out += `{${min || '0'}${comma ?? ''}${max ?? ''}}`;
      i += counted[0].length - 1;
      size.repeat(Number(max || min || 0) + (comma && !max ? 1 : 0));
    } else {
      out += ch;
      if (ch === '(') size.open();
      else if (ch === ')') size.close();
      else if (ch === '|') size.alternative();
      else if (ch === '*' || ch === '+' || ch === '?') size.repeat(1);
      else size.atom();
    }
  }
  return { re2: out, size: size.total };
}

/**
 * The pattern in RE2 syntax: Python's `\Z` is RE2's `\z`, `\uXXXX`/`\UXXXXXXXX` are
 * `\x{…}`, `{,n}` is `{0,n}`. Throws PatternError for the constructs RE2 refuses by design.
 */
export function toRe2Source(source: string): string {
  return translate(source).re2;
}

function tooLarge(size: number, estimated = false): PatternError {
  return new PatternError(
    `is too large for the regular expression engine (program size ${estimated ? 'about ' : ''}${size}, at most ` +
      `${MAX_PROGRAM_SIZE}); use fewer or smaller repetition counts`,
  );
}

/** Compiled patterns and refusals: every login matches the same few, and the registry reloads. */
const cache = new Map<string, RE2JS | PatternError>();
const CACHE_SIZE = 10_000;

function compileUncached(source: string): RE2JS | PatternError {
  const { re2, size } = translate(source);
  // The estimate is rough; the compiled size below is exact, but compiling a huge one is slow.
  if (size > 2 * MAX_PROGRAM_SIZE) return tooLarge(size, true);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(re2);
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    const reason = err.message.replace(/^error parsing regexp: /, '');
    return new PatternError(`is not a valid regular expression for the linear-time engine (RE2): ${reason}`);
  }
  return compiled.programSize() > MAX_PROGRAM_SIZE ? tooLarge(compiled.programSize()) : compiled;
}

/** The compiled pattern. Throws PatternError when the engine cannot run it. */
export function compileRegex(source: string): RE2JS {
  let entry = cache.get(source);
  if (entry === undefined) {
    try {
      entry = compileUncached(source);
    } catch (err) {
      if (err instanceof PatternError) entry = err;
      else throw err;
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(source, entry);
  }
  if (entry instanceof PatternError) throw entry;
  return entry;
}

/** Null when the pattern can be run, else what is wrong with it. */
export function patternProblem(source: string): string | null {
  try {
    compileRegex(source);
    return null;
  } catch (err) {
    if (err instanceof PatternError) return err.message;
    throw err;
  }
}

/** A service pattern matches the whole URL (implicit `^...$`), unlike django-cas-server. */
export function matchesWhole(pattern: RE2JS, text: string): boolean {
  return pattern.testExact(text);
}

/** Required-value patterns match from the start of a value, like Python's `re.match`. */
export function matchesStart(pattern: RE2JS, text: string): boolean {
  return pattern.matcher(text).lookingAt();
}

/** Rewrite patterns replace every occurrence, like Python's `re.sub`. */
export function substitute(pattern: RE2JS, text: string, pythonReplacement: string): string {
  // Most values do not match: the DFA says so without building a matcher.
  if (!pattern.test(text)) return text;
  return pattern.matcher(text).replaceAll(toJsReplacement(pythonReplacement));
}

/**
 * Replacement strings use Python's syntax (`\1`, `\g<1>`, `\g<name>`, `\g<0>` for the whole
 * match), as in django-cas-server; a `$` is literal. The result is in String.prototype.replace syntax,
 * which re2js's replaceAll follows.
 */
export function toJsReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '$') {
      out += '$$';
    } else if (ch === '\\' && i + 1 < replacement.length) {
      const rest = replacement.slice(i + 1);
      const numbered = /^(\d{1,2})/.exec(rest);
      const named = /^g<(\w+)>/.exec(rest);
      if (numbered) {
        out += `$${numbered[1]}`;
        i += numbered[1].length;
      } else if (named) {
        const group = named[1];
        out += /^0+$/.test(group) ? '$&' : /^\d+$/.test(group) ? `$${Number(group)}` : `$<${group}>`;
        i += named[0].length;
      } else if (rest[0] === '\\') {
        out += '\\';
        i += 1;
      } else if (rest[0] === 'n') {
        out += '\n';
        i += 1;
      } else {
        out += ch;
      }
    } else {
      out += ch;
    }
  }
  return out;
}
