import { parseBool, parseInteger } from './env-parsers';

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`Invalid setting ${setting}: ${detail}`);
  }
}

/** Runs a check of a setting's value, reporting its failure as that setting's. */
export function checkSetting<T>(name: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw new ConfigError(name, (err as Error).message);
  }
}

export type Env = Record<string, string | undefined>;

export class Reader {
  constructor(
    private readonly env: Env,
    private readonly seen?: Set<string>,
  ) {}

  read<T>(name: string, fallback: T, parse: (raw: string) => T): T {
    this.seen?.add(name);
    const raw = this.env[name];
    if (raw === undefined) return fallback;
    return checkSetting(name, () => parse(raw));
  }

  str(name: string, fallback: string): string {
    return this.read(name, fallback, (raw) => raw);
  }

  nullableStr(name: string): string | null {
    return this.read<string | null>(name, null, (raw) => (raw === '' ? null : raw));
  }

  bool(name: string, fallback: boolean): boolean {
    return this.read(name, fallback, parseBool);
  }

  int(name: string, fallback: number, min: number, max?: number): number {
    return this.read(name, fallback, (raw) => parseInteger(raw, min, max));
  }

  /**
   * A duration documented in seconds (.env.example), in milliseconds: every duration of the
   * config is in milliseconds, converted here once.
   */
  secondsAsMs(name: string, fallbackSeconds: number, min: number, max?: number): number {
    return this.int(name, fallbackSeconds, min, max) * 1000;
  }
}
