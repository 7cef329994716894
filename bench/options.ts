import { resolve } from 'node:path';
import type { DbKind } from './database';

export const SCENARIOS = ['ceiling', 'validate', 'login', 'loginpage', 'validate-under-login', 'big-table'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  db: DbKind;
  warmupMs: number;
  durationMs: number;
  rounds: number;
  concurrency: number;
  loginConcurrency: number;
  bigRows: number;
  bcryptRounds: number;
  logLevel: string;
  scenarios: ScenarioName[];
  /** Builds to measure, by label: the repository's own by default. */
  servers: Array<{ label: string; root: string }>;
  /** Extra environment for the CAS servers, by server label ('' for all): --env [LABEL:]NAME=VALUE. */
  env: Record<string, Record<string, string>>;
  cpuProfDir: string | null;
  outDir: string;
}

export const USAGE = `usage: npm run bench -- [options]

  --db sqlite|mysql        database of the CAS server (default sqlite; mysql = local MariaDB)
  --quick                  short run: 1 s warm-up, 3 rounds of 2 s, 100 000 big-table rows
  --duration S             seconds per measured round (default 5)
  --warmup S               seconds of warm-up before each scenario (default 2)
  --rounds N               measured rounds per scenario (default 3)
  --concurrency N          concurrent clients (default 32)
  --login-concurrency N    concurrent clients of the password logins (default 8)
  --big-rows N             live tickets in the big-table scenario (default 1000000)
  --bcrypt-rounds N        bcrypt cost of the seeded user (default 11, the server's default)
  --log-level LEVEL        CAS_LOG_LEVEL of the server (default info, the server's default)
  --scenarios a,b          among ${SCENARIOS.join(', ')}
  --server LABEL=DIR       measure the build in DIR (repeatable; default: this checkout)
  --env [LABEL:]NAME=VALUE extra environment for the CAS servers, or only the one of LABEL (repeatable)
  --cpu-prof DIR           write V8 CPU profiles of the CAS servers into DIR
  --out DIR                where the JSON and Markdown results go (default bench/results)
`;

export function parseOptions(argv: string[], repoRoot: string): BenchOptions {
  const options: BenchOptions = {
    db: 'sqlite',
    warmupMs: 2000,
    durationMs: 5000,
    rounds: 3,
    concurrency: 32,
    loginConcurrency: 8,
    bigRows: 1_000_000,
    bcryptRounds: 11,
    logLevel: 'info',
    scenarios: [...SCENARIOS],
    servers: [],
    env: {},
    cpuProfDir: null,
    outDir: resolve(repoRoot, 'bench', 'results'),
  };
  const explicit = new Set<string>();
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined) throw new Error(`${flag} needs a value\n\n${USAGE}`);
    return v;
  };
  const positive = (flag: string): number => {
    const n = Number(value(flag));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number`);
    explicit.add(flag);
    return n;
  };
  let quick = false;
  while (args.length) {
    const flag = args.shift() as string;
    switch (flag) {
      case '--db': {
        const db = value(flag);
        if (db !== 'sqlite' && db !== 'mysql') throw new Error('--db is sqlite or mysql');
        options.db = db;
        break;
      }
      case '--quick':
        quick = true;
        break;
      case '--duration':
        options.durationMs = positive(flag) * 1000;
        break;
      case '--warmup':
        options.warmupMs = positive(flag) * 1000;
        break;
      case '--rounds':
        options.rounds = Math.round(positive(flag));
        break;
      case '--concurrency':
        options.concurrency = Math.round(positive(flag));
        break;
      case '--login-concurrency':
        options.loginConcurrency = Math.round(positive(flag));
        break;
      case '--big-rows':
        options.bigRows = Math.round(positive(flag));
        break;
      case '--bcrypt-rounds':
        options.bcryptRounds = Math.round(positive(flag));
        break;
      case '--log-level':
        options.logLevel = value(flag);
        break;
      case '--scenarios': {
        const names = value(flag).split(',');
        const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
        if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
        options.scenarios = names as ScenarioName[];
        break;
      }
      case '--server': {
        const [label, dir] = value(flag).split('=');
        if (!label || !dir) throw new Error('--server is LABEL=DIR');
        options.servers.push({ label, root: resolve(dir) });
        break;
      }
      case '--env': {
        const raw = value(flag);
        const at = raw.indexOf('=');
        const colon = raw.indexOf(':');
        const label = colon >= 0 && colon < at ? raw.slice(0, colon) : '';
        const name = raw.slice(label ? colon + 1 : 0, at);
        if (at < 1 || !/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error('--env is [LABEL:]NAME=VALUE');
        options.env[label] = { ...options.env[label], [name]: raw.slice(at + 1) };
        break;
      }
      case '--cpu-prof':
        options.cpuProfDir = resolve(value(flag));
        break;
      case '--out':
        options.outDir = resolve(value(flag));
        break;
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  if (quick) {
    if (!explicit.has('--warmup')) options.warmupMs = 1000;
    if (!explicit.has('--duration')) options.durationMs = 2000;
    if (!explicit.has('--big-rows')) options.bigRows = 100_000;
  }
  if (options.servers.length === 0) options.servers.push({ label: 'this', root: repoRoot });
  return options;
}
