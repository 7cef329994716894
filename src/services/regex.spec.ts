import {
  MAX_PROGRAM_SIZE,
  PatternError,
  compileRegex,
  matchesStart,
  matchesWhole,
  patternProblem,
  substitute,
  toRe2Source,
} from './regex';

const whole = (pattern: string, text: string) => matchesWhole(compileRegex(pattern), text);
const sub = (pattern: string, text: string, replacement: string) =>
  substitute(compileRegex(pattern), text, replacement);

describe('translating Python patterns for the linear-time engine', () => {
  it('keeps Python named groups and inline flags as they are', () => {
    expect(toRe2Source('^https://(?P<app>[a-z]+)\\.example\\.org/')).toBe('^https://(?P<app>[a-z]+)\\.example\\.org/');
    expect(whole('https://(?P<app>[a-z]+)\\.example\\.org/.*', 'https://wiki.example.org/x')).toBe(true);
    expect(whole('(?i)https://APP\\.example\\.org/', 'https://app.example.org/')).toBe(true);
  });

  it("translates Python's \\Z, \\uXXXX, \\UXXXXXXXX and {,n}", () => {
    expect(toRe2Source('a\\Z')).toBe('a\\z');
    expect(toRe2Source('caf\\u00e9[\\u00e0-\\u00ff]\\U0001F600')).toBe(
      'caf\\x{00e9}[\\x{00e0}-\\x{00ff}]\\x{0001F600}',
    );
    expect(toRe2Source('x{,3}')).toBe('x{0,3}');
    expect(whole('caf\\u00e9', 'café')).toBe(true);
    expect(matchesStart(compileRegex('abc\\Z'), 'abc')).toBe(true);
    expect(matchesStart(compileRegex('abc\\Z'), 'abcd')).toBe(false);
    expect(whole('x{,3}', 'xxx')).toBe(true);
    expect(whole('x{,3}', 'xxxx')).toBe(false);
  });

  it.each([
    ['https://(?P<app>[a-z]+)\\.example\\.org/(?P=app)/.*', 'the back-reference (?P=app)'],
    ['(a)\\1', 'the back-reference \\1'],
    ['(?<x>a)\\k<x>', 'the back-reference \\k<x>'],
    ['https://a\\.org/(?=admin)', 'the look-ahead (?='],
    ['https://a\\.org/(?!admin)', 'the look-ahead (?!'],
    ['(?<=@)example\\.org', 'the look-behind (?<='],
    ['(?<!@)example\\.org', 'the look-behind (?<!'],
    ['(?>a+)b', 'the atomic group (?>'],
    ['(a)?(?(1)b|c)', 'the conditional group (?('],
  ])('refuses %s, naming %s', (pattern, construct) => {
    expect(patternProblem(pattern)).toBe(
      `uses ${construct}, which the linear-time regular expression engine (RE2) cannot run`,
    );
  });

  it('does not mistake escaped or bracketed characters for those constructs', () => {
    expect(whole('a\\\\1', 'a\\1')).toBe(true);
    expect(whole('\\(?=x', '(=x')).toBe(true);
    expect(whole('[(?=]+', '(?=')).toBe(true);
    expect(whole('[]a]+', ']a]')).toBe(true);
    expect(whole('[^]a]', 'b')).toBe(true);
    expect(whole('[[:alpha:]]+-\\d', 'abc-1')).toBe(true);
  });

  it('refuses what does not compile, with the engine’s reason', () => {
    expect(patternProblem('https://(a')).toMatch(/^is not a valid regular expression .*missing closing \)/);
    expect(patternProblem('a**')).toMatch(/invalid nested repetition operator: `\*\*`/);
    expect(patternProblem('a*+')).toMatch(/invalid nested repetition operator: `\*\+`/);
    expect(patternProblem('(?x) a')).toMatch(/unsupported Perl syntax: `\(\?x`/);
  });

  it('refuses a closing parenthesis that would escape the implicit anchors', () => {
    expect(patternProblem('https://a\\.org/)|(.*')).not.toBeNull();
  });

  it('refuses patterns whose program is too large, so matching stays cheap per character', () => {
    expect(patternProblem('[a-z]{1000}[a-z]{1000}[a-z]{1000}')).toMatch(
      new RegExp(`^is too large .*at most ${MAX_PROGRAM_SIZE}`),
    );
    expect(() => compileRegex('(a)\\1')).toThrow(PatternError);
  });

  it('refuses a huge expansion before compiling it, so the check itself stays quick', () => {
    const started = Date.now();
    expect(patternProblem('(?:a{1000}){146}')).toMatch(/^is too large .*about 146\d{3}/);
    expect(patternProblem('(?:(?:.{30}){30}){30}')).toMatch(/^is too large/);
    expect(patternProblem('a{1000}'.repeat(146))).toMatch(/^is too large/);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('does not take braces of escapes for repetitions', () => {
    expect(patternProblem('\\x{1000}\\p{Greek}{3}[\\x{100}-\\x{1000}]')).toBeNull();
    expect(whole('\\x{e9}{2}', 'éé')).toBe(true);
  });
});

describe('matching with the linear-time engine', () => {
  it('matches service patterns against the whole URL', () => {
    expect(whole('https://a\\.org', 'https://a.org')).toBe(true);
    expect(whole('https://a\\.org', 'https://a.org.evil.com')).toBe(false);
    expect(whole('https://a\\.org|https://b\\.org', 'https://b.org')).toBe(true);
    expect(whole('a|ab', 'ab')).toBe(true);
    expect(whole('(?m)https://a\\.org$', 'https://a.org\nx')).toBe(false);
  });

  it('matches required values from the start of a value, not necessarily to its end', () => {
    expect(matchesStart(compileRegex('staff'), 'staff-paris')).toBe(true);
    expect(matchesStart(compileRegex('staff'), 'ex-staff')).toBe(false);
    expect(matchesStart(compileRegex('staff|ex'), 'ex-staff')).toBe(true);
  });

  it('rewrites every occurrence with Python-style back-references', () => {
    expect(sub('\\s+$', 'Alice  \t', '')).toBe('Alice');
    expect(sub('(\\w+)@(\\w+)', 'a@b c@d', '\\2 at \\1')).toBe('b at a d at c');
    expect(sub('(?P<user>\\w+)@example\\.org', 'bob@example.org', '\\g<user> ($5) \\g<0>')).toBe(
      'bob ($5) bob@example.org',
    );
    expect(sub('x*', 'abxd', '-')).toBe('-a-b--d-');
    expect(sub('é', 'été', 'e')).toBe('ete');
  });

  it('takes linear time on the inputs that make backtracking engines explode', () => {
    const started = Date.now();
    expect(whole('https://x\\.org/(a+)+$', `https://x.org/${'a'.repeat(100_000)}!`)).toBe(false);
    expect(sub('\\s+$', `${' '.repeat(150_000)}x`, '')).toBe(`${' '.repeat(150_000)}x`);
    expect(matchesStart(compileRegex('(x|xx)*y'), 'x'.repeat(100_000))).toBe(false);
    // Generous: a backtracking engine needs minutes to years here.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('compiles each pattern once', () => {
    expect(compileRegex('https://cached\\.org/.*')).toBe(compileRegex('https://cached\\.org/.*'));
  });
});
