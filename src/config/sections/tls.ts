import { readFileSync } from 'node:fs';
import { checkSetting, ConfigError, type Reader } from '../env-reader';

/** Serve https directly with these PEM files (TLS_CERT_FILE / TLS_KEY_FILE). */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** The PEM files and their contents, read at start. */
export interface TlsCredentials extends TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export function readTlsFiles(r: Reader): TlsFiles | null {
  const certFile = r.str('TLS_CERT_FILE', '').trim();
  const keyFile = r.str('TLS_KEY_FILE', '').trim();
  if ((certFile === '') !== (keyFile === '')) {
    throw new ConfigError(certFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE', 'TLS_CERT_FILE and TLS_KEY_FILE go together');
  }
  return certFile ? { certFile, keyFile } : null;
}

function readPem(name: string, file: string): Buffer {
  return checkSetting(name, () => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
  });
}

export function loadTlsCredentials(files: TlsFiles | null): TlsCredentials | null {
  if (!files) return null;
  return { ...files, cert: readPem('TLS_CERT_FILE', files.certFile), key: readPem('TLS_KEY_FILE', files.keyFile) };
}
