/**
 * Variables named like settings that this repository's own test and benchmark tools read;
 * the servers they start inherit them.
 */
const TOOL_VARIABLES = new Set(['CAS_TEST_DATABASES', 'CAS_FUZZ_SEED', 'CAS_FUZZ_REQUESTS']);

export interface UnknownSetting {
  name: string;
  /** The known setting closest to the name, when it is close enough to be a typo. */
  suggestion: string | null;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn one name into the other. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

function closest(name: string, known: Iterable<string>): string | null {
  // A third of the name may be wrong: CAS_TICKET_VALIDTY, cas_ticket_validity, CAS_TIKET_VALIDITY.
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toUpperCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The CAS_* variables of `env` that no setting reads (a misspelled name is otherwise ignored
 * in silence), each with the known name it most likely meant.
 */
export function unknownSettings(env: Record<string, string | undefined>, known: ReadonlySet<string>): UnknownSetting[] {
  return Object.keys(env)
    .filter((name) => /^CAS_/i.test(name) && !known.has(name) && !TOOL_VARIABLES.has(name))
    .sort()
    .map((name) => ({ name, suggestion: closest(name, known) }));
}

export function describeUnknownSetting({ name, suggestion }: UnknownSetting, fromDotEnv: boolean): string {
  const where = fromDotEnv ? ' (in .env)' : '';
  const hint = suggestion ? `did you mean ${suggestion}?` : 'see .env.example for the settings';
  return `${name}${where} is not a setting of this server, ignored: ${hint}`;
}
