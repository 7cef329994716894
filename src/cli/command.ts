import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';

/** Wrong use of the command line: exit code 2, with the message (and where to find help). */
export class UsageError extends Error {}

export type Out = (line: string) => void;

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  default?: string;
  required?: boolean;
  /** Placeholder of the value in the help: `--name NAME`. */
  value?: string;
  help: string;
}

type Options = Record<string, OptionSpec>;

/** The parsed options, typed from their declarations: booleans default to false, lists to []. */
export type OptionValues<O extends Options> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['multiple'] extends true
      ? string[]
      : O[K]['default'] extends string
        ? string
        : O[K]['required'] extends true
          ? string
          : string | undefined;
};

export interface CommandInput<O extends Options> {
  values: OptionValues<O>;
  positionals: string[];
}

/**
 * One `cas` command. The same declaration parses the command line (node's util.parseArgs)
 * and writes the `--help` text, so the help cannot drift from what is accepted.
 */
export interface Command<O extends Options = Options> {
  name: string;
  /** Positional arguments in the usage line, e.g. `<username>`; each `<…>` is required. */
  args?: string;
  /** Most positional arguments accepted (default: as many as `args` names). */
  maxArgs?: number;
  summary: string;
  /** More lines for `--help`. */
  details?: string;
  options?: O;
  /** Runs with the application (database and domain services); absent for migrate and doctor. */
  run?(app: INestApplicationContext, input: CommandInput<O>, out: Out): Promise<void>;
}

export function command<const O extends Options = Record<never, OptionSpec>>(spec: Command<O>): Command<O> {
  return spec;
}

function requiredArgs(cmd: Command): string[] {
  return cmd.args?.match(/<[^>]+>/g) ?? [];
}

function maxArgs(cmd: Command): number {
  return cmd.maxArgs ?? (cmd.args?.match(/<[^>]+>|\[[^\]]+\]/g) ?? []).length;
}

function optionLabel(name: string, spec: OptionSpec): string {
  return spec.type === 'boolean' ? `--${name}` : `--${name} ${spec.value ?? 'VALUE'}`;
}

export function usageLine(cmd: Command): string {
  const required = Object.entries(cmd.options ?? {})
    .filter(([, spec]) => spec.required)
    .map(([name, spec]) => optionLabel(name, spec));
  const hasOptional = Object.values(cmd.options ?? {}).some((spec) => !spec.required);
  return ['usage: cas', cmd.name, cmd.args, ...required, hasOptional ? '[options]' : ''].filter(Boolean).join(' ');
}

export function helpText(cmd: Command): string {
  const rows: Array<[string, string]> = Object.entries(cmd.options ?? {}).map(([name, spec]) => {
    const notes = [
      spec.required ? 'required' : '',
      spec.multiple ? 'repeatable' : '',
      spec.default ? `default ${spec.default}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return [optionLabel(name, spec), notes ? `${spec.help} (${notes})` : spec.help];
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [usageLine(cmd), '', cmd.summary];
  if (cmd.details) lines.push('', cmd.details);
  lines.push('', 'options:', ...rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`));
  return `${lines.join('\n')}\n`;
}

/** `--help` or `-h` anywhere before a `--` end-of-options marker. */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** By its code: `instanceof Error` fails for errors made in another realm (e.g. under jest). */
function isParseArgsError(err: unknown): err is { code: string; message: string } {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_') && typeof message === 'string';
}

function refuse(cmd: Command, message: string): UsageError {
  return new UsageError(`${message}\n${usageLine(cmd)}\n(cas ${cmd.name} --help lists the options)`);
}

export function parseCommandLine<O extends Options>(cmd: Command<O>, args: string[]): CommandInput<O> {
  const declared: Options = cmd.options ?? {};
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(declared)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}) };
  }
  let parsed: { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    if (!isParseArgsError(err)) throw err;
    // Node's message suggests `--` for positionals that start with "-": noise for an unknown option.
    const unknown = /^Unknown option '([^']+)'/.exec(err.message);
    throw refuse(cmd, unknown ? `unknown option ${unknown[1]}` : err.message);
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const given = parsed.values[name];
    if (spec.required && given === undefined) throw refuse(cmd, `--${name} is required`);
    if (spec.type === 'boolean') values[name] = given === true;
    else if (spec.multiple) values[name] = given ?? [];
    else values[name] = given ?? spec.default;
  }
  const count = parsed.positionals.length;
  const required = requiredArgs(cmd);
  if (count < required.length) throw refuse(cmd, `missing ${required[count]}`);
  if (count > maxArgs(cmd)) throw refuse(cmd, `unexpected argument ${parsed.positionals[maxArgs(cmd)]}`);
  return { values: values as OptionValues<O>, positionals: parsed.positionals };
}
