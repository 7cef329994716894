import type { Reader } from '../env-reader';

export interface LoggingSection {
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** json (one object a line), pretty (for people), or auto: pretty when stdout is a terminal. */
  logFormat: 'json' | 'pretty' | 'auto';
  /** One log line per answered request (CAS_ACCESS_LOG). */
  accessLog: boolean;
}

function parseLogLevel(raw: string): LoggingSection['logLevel'] {
  const v = raw.trim().toLowerCase();
  if (v === 'error' || v === 'warn' || v === 'info' || v === 'debug') return v;
  throw new Error('expected error, warn, info or debug');
}

function parseLogFormat(raw: string): LoggingSection['logFormat'] {
  const v = raw.trim().toLowerCase();
  if (v === 'json' || v === 'pretty' || v === 'auto') return v;
  throw new Error('expected json, pretty or auto');
}

export function readLoggingSection(r: Reader): LoggingSection {
  return {
    logLevel: r.read('CAS_LOG_LEVEL', 'info', parseLogLevel),
    logFormat: r.read('CAS_LOG_FORMAT', 'auto', parseLogFormat),
    accessLog: r.bool('CAS_ACCESS_LOG', true),
  };
}
