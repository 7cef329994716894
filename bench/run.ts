import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { bcryptCapacityRound } from './bcrypt-capacity';
import { PASSWORD, PREFIX, SERVICE_PATTERN, USER } from './cas-flows';
import { createBenchDb } from './database';
import { parseOptions, type BenchOptions, type ScenarioName } from './options';
import {
  BCRYPT_LABEL,
  checkTargets,
  markdown,
  type BenchReport,
  type ScenarioResult,
  type ServerFacts,
} from './report';
import {
  ceilingRound,
  loginPageRound,
  loginRound,
  logFile,
  openSessions,
  profileArgs,
  underLoginRound,
  validateRound,
  type CasTarget,
  type RoundRunner,
} from './scenarios';
import { buildPaths, runCli, ServerProcess } from './servers';
import { spread } from './stats';

/** Benchmark of the built CAS server on loopback: `npm run bench -- --help`. */

const REPO_ROOT = join(__dirname, '..', '..');
const SESSIONS = 8;

const say = (line: string) => process.stderr.write(`${line}\n`);

function measureBcrypt(rounds: number): BenchReport['bcrypt'] {
  const hash = bcrypt.hashSync(PASSWORD, rounds);
  bcrypt.compareSync(PASSWORD, hash);
  const times = Array.from({ length: 3 }, () => {
    const started = performance.now();
    bcrypt.compareSync(PASSWORD, hash);
    return performance.now() - started;
  });
  const compareMs = spread(times).median;
  return { rounds, compareMs, capacityPerSecond: (availableParallelism() * 1000) / compareMs };
}

/** Runs every entry's warm-up, then the measured rounds, alternating between entries. */
async function measure(
  scenario: string,
  entries: Array<{ label: string; runner: RoundRunner; scenario?: string }>,
  options: BenchOptions,
): Promise<ScenarioResult[]> {
  for (const entry of entries) {
    say(`${entry.scenario ?? scenario} [${entry.label}]: warm-up ${options.warmupMs / 1000} s`);
    await entry.runner(options.warmupMs);
  }
  const results = entries.map((e): ScenarioResult => ({
    scenario: e.scenario ?? scenario,
    server: e.label,
    rounds: [],
    errors: 0,
    firstError: null,
  }));
  for (let round = 1; round <= options.rounds; round++) {
    for (const [i, entry] of entries.entries()) {
      const { figures, recorder } = await entry.runner(options.durationMs);
      results[i].rounds.push(figures);
      results[i].errors += recorder.errors;
      results[i].firstError ??= recorder.firstError;
      const summary = Object.entries(figures)
        .slice(0, 3)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ');
      say(
        `${entry.scenario ?? scenario} [${entry.label}] round ${round}/${options.rounds}: ${summary}${recorder.errors ? `, ${recorder.errors} errors` : ''}`,
      );
    }
  }
  return results;
}

async function startTarget(
  server: BenchOptions['servers'][number],
  options: BenchOptions,
  name: string,
): Promise<CasTarget> {
  const db = await createBenchDb(options.db);
  const { main, cli } = buildPaths(server.root);
  const env = {
    DATABASE_URL: db.url,
    CAS_LOG_LEVEL: options.logLevel,
    CAS_BCRYPT_ROUNDS: String(options.bcryptRounds),
    CAS_AUTH_CLASS: 'local',
    // Every benchmark login is the same user from 127.0.0.1, many at once: brute-force
    // protection would (rightly) block them. It is measured apart, not in these scenarios.
    CAS_THROTTLE_ENABLED: 'false',
    ...options.env[''],
    ...options.env[server.label],
  };
  say(`${name} [${server.label}]: starting ${main} on ${options.db}`);
  const cas = await ServerProcess.start({
    script: main,
    nodeArgs: profileArgs(options, `${name}-${server.label}`),
    env,
    readyPath: `${PREFIX}/login`,
    logFile: logFile(db, name),
  });
  await runCli(
    cli,
    ['users:create', USER, '--attr', 'email=bench@bench.example', '--attr', 'groups=staff'],
    env,
    `${PASSWORD}\n`,
  );
  await runCli(
    cli,
    [
      'services:add',
      '--name',
      'bench',
      '--pattern',
      SERVICE_PATTERN,
      '--release',
      'email',
      '--release',
      'groups=memberOf',
    ],
    env,
  );
  const tgcs = await openSessions(cas.origin, SESSIONS);
  return { label: server.label, cas, db, tgcs };
}

async function stopTarget(target: CasTarget): Promise<void> {
  await target.cas.stop();
  await target.db.drop();
}

function remember(facts: Map<string, ServerFacts>, target: CasTarget, root: string): void {
  const known = facts.get(target.label);
  const peakRssMb = target.cas.peakRssMb();
  if (!known) facts.set(target.label, { label: target.label, root, coldStartMs: target.cas.coldStartMs, peakRssMb });
  else known.peakRssMb = Math.max(known.peakRssMb, peakRssMb);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), REPO_ROOT);
  process.once('SIGINT', () => process.exit(130));
  const has = (s: ScenarioName) => options.scenarios.includes(s);
  say(`bcrypt cost ${options.bcryptRounds}: measuring one compare on this machine`);
  const bcryptFacts = measureBcrypt(options.bcryptRounds);
  const results: ScenarioResult[] = [];
  const facts = new Map<string, ServerFacts>();

  if (has('ceiling')) {
    const ceiling = await ServerProcess.start({
      script: join(__dirname, 'ceiling-server.js'),
      env: {},
      readyPath: '/',
      logFile: '/dev/null',
    });
    try {
      results.push(
        ...(await measure('ceiling', [{ label: 'fastify', runner: ceilingRound(ceiling, options) }], options)),
      );
    } finally {
      await ceiling.stop();
    }
  }

  const runners: Array<[ScenarioName, (t: CasTarget, o: BenchOptions) => RoundRunner]> = [
    ['validate', validateRound],
    ['login', loginRound],
    ['loginpage', loginPageRound],
    ['validate-under-login', underLoginRound],
  ];
  const wanted = runners.filter(([name]) => has(name));
  if (wanted.length) {
    const targets: CasTarget[] = [];
    try {
      for (const server of options.servers) targets.push(await startTarget(server, options, 'main'));
      for (const [name, runner] of wanted) {
        const entries = targets.map((t) => ({ label: t.label, runner: runner(t, options) }));
        if (name === 'login') entries.push({ label: BCRYPT_LABEL, runner: bcryptCapacityRound(options.bcryptRounds) });
        results.push(...(await measure(name, entries, options)));
      }
      targets.forEach((t, i) => remember(facts, t, options.servers[i].root));
    } finally {
      for (const t of targets) await stopTarget(t);
    }
  }

  if (has('big-table')) {
    // Two servers side by side, one on an empty table and one on a full one, their rounds
    // alternating: both see the same machine, as with --server.
    for (const server of options.servers) {
      const targets: CasTarget[] = [];
      try {
        targets.push(await startTarget(server, options, 'big-table-empty'));
        targets.push(await startTarget(server, options, 'big-table-full'));
        const [empty, full] = targets;
        say(`big-table [${server.label}]: adding ${options.bigRows} live tickets`);
        const started = performance.now();
        await full.db.seedTickets(options.bigRows);
        say(`big-table [${server.label}]: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        const entries = [
          { scenario: 'big-table:empty', label: server.label, runner: validateRound(empty, options) },
          { scenario: 'big-table:full', label: server.label, runner: validateRound(full, options) },
        ];
        results.push(...(await measure('big-table', entries, options)));
        targets.forEach((t) => remember(facts, t, server.root));
      } finally {
        for (const t of targets) await stopTarget(t);
      }
    }
  }

  const ceilingResult = results.find((r) => r.scenario === 'ceiling');
  const partial: Omit<BenchReport, 'targets'> = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cores: availableParallelism(),
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${platform()} ${release()}`,
    },
    settings: {
      database: options.db,
      'log level': options.logLevel,
      concurrency: options.concurrency,
      'login concurrency': options.loginConcurrency,
      'warm-up s': options.warmupMs / 1000,
      'round s': options.durationMs / 1000,
      rounds: options.rounds,
      'big-table rows': options.bigRows,
      ...(Object.keys(options.env).length ? { env: JSON.stringify(options.env) } : {}),
    },
    bcrypt: bcryptFacts,
    ceilingReqPerSecond: ceilingResult ? spread(ceilingResult.rounds.map((f) => f['req/s'])).median : NaN,
    results,
    servers: [...facts.values()],
  };
  const report: BenchReport = { ...partial, targets: checkTargets(partial) };
  const table = markdown(report);
  mkdirSync(options.outDir, { recursive: true });
  const stem = join(options.outDir, `${report.date.replace(/[:.]/g, '-')}-${options.db}`);
  writeFileSync(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${stem}.md`, table);
  process.stdout.write(`\n${table}\nwritten: ${stem}.json and ${stem}.md\n`);
}

main().catch((err: unknown) => {
  say(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
