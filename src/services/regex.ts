/**
 * Regular expressions written by administrators. django-cas-server stored Python `re` syntax;
 * the Python-only forms are translated so imported patterns keep working.
 */
export function toJsRegexSource(source: string): string {
  return source.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

/** A service pattern matches the whole URL (implicit `^...$`), unlike django-cas-server. */
export function compileServicePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${toJsRegexSource(pattern)})$`);
}

/** Required-value patterns match from the start of a value, like Python's `re.match`. */
export function compileValuePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${toJsRegexSource(pattern)})`);
}

/** Rewrite patterns replace every occurrence, like Python's `re.sub`. */
export function compileRewritePattern(pattern: string): RegExp {
  return new RegExp(toJsRegexSource(pattern), 'g');
}

/**
 * Replacement strings use Python's syntax (`\1`, `\g<1>`, `\g<name>`), as in
 * django-cas-server; a `$` is literal.
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
        out += /^\d+$/.test(named[1]) ? `$${named[1]}` : `$<${named[1]}>`;
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

export function isValidRegex(source: string): boolean {
  try {
    new RegExp(toJsRegexSource(source));
    return true;
  } catch {
    return false;
  }
}
