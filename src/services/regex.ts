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
 * The pattern in RE2 syntax: Python's `\Z` is RE2's `\z`, `\uXXXX`/`\UXXXXXXXX` are
 * `\x{…}`, `{,n}` is `{0,n}`. Throws PatternError for the constructs RE2 refuses by design.
 */
export function toRe2Source(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const rest = source.slice(i, i + 16);
    const ch = source[i];
    const unicode = /^\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(rest);
    if (unicode) {
      out += `\\x{${unicode[1] ?? unicode[2]}}`;
      i += unicode[0].length - 1;
      continue;
    }
    if (inClass) {
      if (ch === '\\') {
        out += source.slice(i, i + 2);
        i++;
        continue;
      }
      const posix = /^\[:\^?[a-z]+:\]/.exec(rest);
      if (posix) {
        out += posix[0];
        i += posix[0].length - 1;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    for (const [syntax, construct] of CONSTRUCTS) {
      const found = syntax.exec(rest);
      if (found) throw refused(construct, found[0]);
    }
    if (ch === '\\') {
      out += source[i + 1] === 'Z' ? '\\z' : source.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      // A `]` right after `[` or `[^` is a literal, in Python as in RE2.
      const opening = /^\[\^?\]?/.exec(rest) as RegExpExecArray;
      out += opening[0];
      i += opening[0].length - 1;
      inClass = true;
    } else if (ch === '{' && /^\{,\d+\}/.test(rest)) {
      out += '{0';
    } else {
      out += ch;
    }
  }
  return out;
}

const cache = new Map<string, RE2JS>();
const CACHE_SIZE = 1000;

/** The compiled pattern (cached: every login matches the same few). Throws PatternError. */
export function compileRegex(source: string): RE2JS {
  const known = cache.get(source);
  if (known) return known;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(toRe2Source(source));
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    const reason = err.message.replace(/^error parsing regexp: /, '');
    throw new PatternError(`is not a valid regular expression for the linear-time engine (RE2): ${reason}`);
  }
  if (compiled.programSize() > MAX_PROGRAM_SIZE) {
    throw new PatternError(
      `is too large for the regular expression engine (program size ${compiled.programSize()}, at most ` +
        `${MAX_PROGRAM_SIZE}); use fewer or smaller repetition counts`,
    );
  }
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(source, compiled);
  return compiled;
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
