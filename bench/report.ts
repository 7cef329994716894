import type { Figures } from './scenarios';
import { formatNumber, spread } from './stats';

export interface ScenarioResult {
  scenario: string;
  server: string;
  rounds: Figures[];
  errors: number;
  firstError: string | null;
}

export interface ServerFacts {
  label: string;
  root: string;
  /** From spawn to the first answered request, on a fresh database (migrations included). */
  coldStartMs: number;
  /** Peak RSS of the server over the scenarios it served. */
  peakRssMb: number;
}

export interface TargetCheck {
  server: string;
  target: string;
  value: number;
  limit: number;
  met: boolean;
}

export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  settings: Record<string, string | number>;
  bcrypt: { rounds: number; compareMs: number; capacityPerSecond: number };
  ceilingReqPerSecond: number;
  results: ScenarioResult[];
  servers: ServerFacts[];
  targets: TargetCheck[];
}

/** The median over rounds of one measure of one scenario on one server. */
export function median(results: ScenarioResult[], scenario: string, server: string, measure: string): number {
  const result = results.find((r) => r.scenario === scenario && (r.server === server || scenario === 'ceiling'));
  return result ? spread(result.rounds.map((f) => f[measure])).median : NaN;
}

const THROUGHPUT = /\/s$/;

/** The login scenario's yardstick, measured between its rounds: bcrypt compares per second on all cores. */
export const BCRYPT_LABEL = 'bcrypt, all cores';

/** Every target of the performance issue, checked on the medians of this run. */
export function checkTargets(report: Omit<BenchReport, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { results, ceilingReqPerSecond: ceiling } = report;
  const add = (server: string, target: string, value: number, limit: number, atMost: boolean) => {
    if (Number.isFinite(value) && Number.isFinite(limit)) {
      checks.push({ server, target, value, limit, met: atMost ? value <= limit : value >= limit });
    }
  };
  const measured = median(results, 'login', BCRYPT_LABEL, 'logins/s');
  for (const { label } of report.servers) {
    const m = (scenario: string, measure: string) => median(results, scenario, label, measure);
    add(label, 'validate pairs/s ≥ 15% of ceiling req/s', m('validate', 'pairs/s'), 0.15 * ceiling, false);
    for (const request of ['SSO login 302', 'serviceValidate']) {
      const plain = m('validate', `${request} p99 ms`);
      add(label, `validate: ${request} p99 ≤ 10 ms`, plain, 10, true);
      add(
        label,
        `under login: ${request} p99 ≤ 2× plain`,
        m('validate-under-login', `${request} p99 ms`),
        2 * plain,
        true,
      );
      add(
        label,
        `big table: ${request} p99 ≤ 1.5× empty`,
        m('big-table:full', `${request} p99 ms`),
        1.5 * m('big-table:empty', `${request} p99 ms`),
        true,
      );
    }
    add(
      label,
      'login logins/s ≥ 80% of bcrypt capacity',
      m('login', 'logins/s'),
      0.8 * (Number.isFinite(measured) ? measured : report.bcrypt.capacityPerSecond),
      false,
    );
    const facts = report.servers.find((s) => s.label === label);
    if (facts) {
      add(label, 'server peak RSS ≤ 150 MB', facts.peakRssMb, 150, true);
      add(label, 'cold start to first answer ≤ 1500 ms', facts.coldStartMs, 1500, true);
    }
  }
  return checks;
}

export function markdown(report: BenchReport): string {
  const lines: string[] = [];
  const { machine, bcrypt } = report;
  lines.push(
    `Run of ${report.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGb} GB), Node ${machine.node}; ` +
      Object.entries(report.settings)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') +
      `. bcrypt cost ${bcrypt.rounds}: ${formatNumber(bcrypt.compareMs)} ms per compare on one core, ` +
      `${formatNumber(bcrypt.capacityPerSecond)} logins/s on ${machine.cores} cores.`,
    '',
    '| scenario | server | measure | median | min | max | × ceiling |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
  );
  for (const result of report.results) {
    const measures = Object.keys(result.rounds[0] ?? {});
    for (const measure of measures) {
      const s = spread(result.rounds.map((f) => f[measure]));
      const ratio = THROUGHPUT.test(measure) ? `${formatNumber((100 * s.median) / report.ceilingReqPerSecond)}%` : '';
      lines.push(
        `| ${result.scenario} | ${result.server} | ${measure} | ${formatNumber(s.median)} | ${formatNumber(s.min)} | ` +
          `${formatNumber(s.max)} | ${ratio} |`,
      );
    }
    if (result.errors > 0) {
      lines.push(
        `| ${result.scenario} | ${result.server} | errors | ${result.errors} | | | ${result.firstError ?? ''} |`,
      );
    }
  }
  lines.push('', '| server | cold start ms | peak RSS MB |', '| --- | ---: | ---: |');
  for (const s of report.servers) {
    lines.push(`| ${s.label} | ${formatNumber(s.coldStartMs)} | ${formatNumber(s.peakRssMb)} |`);
  }
  lines.push('', '| server | target | value | limit | met |', '| --- | --- | ---: | ---: | --- |');
  for (const t of report.targets) {
    lines.push(
      `| ${t.server} | ${t.target} | ${formatNumber(t.value)} | ${formatNumber(t.limit)} | ${t.met ? 'yes' : 'NO'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
