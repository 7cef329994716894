import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { CasConfig } from '../config/cas-config';
import { colourAllowed } from '../config/load-env';
import { secretRedactor } from './redact';
import { requestContext } from './request-context';

/** Nest's start-up chatter (modules loaded, routes mapped): useful when debugging only. */
const NEST_INTERNALS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * Nest's reports of a failed start (a module that cannot start, a port in use), with a stack
 * or Node's wording: main.ts reports the same failure in one line, naming the setting. They
 * stay available at debug.
 */
const REPORTED_BY_MAIN = new Set(['ExceptionHandler', 'NestApplication']);

/**
 * A log line whose facts are fields: `event` names what happened (`login.success`), the other
 * fields (`user`, `service`, `ip`, `session`, counts) carry the facts, `msg` says it in words.
 */
export interface LogEvent {
  msg: string;
  event: string;
  [field: string]: unknown;
}

function isLogEvent(message: unknown): message is LogEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as LogEvent).msg === 'string' &&
    typeof (message as LogEvent).event === 'string'
  );
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface LogSettings {
  level: CasConfig['logLevel'];
  format: CasConfig['logFormat'];
  /** Ticket and cookie prefixes, whose values are shortened in every message. */
  secretPrefixes: string[];
}

export function logSettings(config: CasConfig): LogSettings {
  return {
    level: config.logLevel,
    format: config.logFormat,
    secretPrefixes: [...Object.values(config.ticketPrefix), 'TGT'],
  };
}

/**
 * The process's pino logger: JSON lines on stdout (with the request id of the request being
 * served), or pino-pretty's lines for people. Writes are synchronous so that nothing is lost
 * when the process exits right after a fatal message.
 */
export function createRootLogger(settings: LogSettings): Logger {
  const pretty = settings.format === 'pretty' || (settings.format === 'auto' && process.stdout.isTTY === true);
  const options: pino.LoggerOptions = {
    level: settings.level,
    mixin: () => {
      const context = requestContext.getStore();
      return context ? { reqId: context.reqId } : {};
    },
  };
  if (pretty) {
    return pino(
      options,
      pinoPretty({
        sync: true,
        colorize: process.stdout.isTTY === true && colourAllowed(),
        translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
        ignore: 'hostname,context',
        messageFormat: '{if context}[{context}] {end}{msg}',
      }),
    );
  }
  return pino(
    {
      ...options,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 1, sync: true }),
  );
}

/** Nest's LoggerService over pino: the `new Logger('login')` call sites stay as they are. */
export class PinoNestLogger implements LoggerService {
  /** Shortens ticket and cookie values in a text (src/logging/redact.ts). */
  readonly redact: (text: string) => string;

  constructor(
    readonly root: Logger,
    secretPrefixes: string[],
  ) {
    this.redact = secretRedactor(secretPrefixes);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest passes the context (the Logger's name) last, and for errors a stack before it. A
   * message may be an event: `{ msg, event, user, ... }` becomes the line's text and fields.
   */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const quiet = context && (REPORTED_BY_MAIN.has(context) || (NEST_INTERNALS.has(context) && level === 'info'));
    const effective = quiet ? 'debug' : level;
    if (!this.root.isLevelEnabled(effective)) return;
    const fields: Record<string, unknown> = context ? { context } : {};
    const stack = rest.find((r): r is string => typeof r === 'string' && r.includes('\n    at '));
    if (stack) fields.stack = this.redact(stack);
    let text: string;
    if (message instanceof Error) {
      text = message.message;
      if (message.stack) fields.stack ??= this.redact(message.stack);
    } else if (isLogEvent(message)) {
      const { msg, ...facts } = message;
      text = msg;
      for (const [name, value] of Object.entries(facts)) {
        if (value !== undefined) fields[name] = typeof value === 'string' ? this.redact(value) : value;
      }
    } else {
      text = typeof message === 'string' ? message : JSON.stringify(message);
    }
    this.root[effective](fields, this.redact(text));
  }
}
