import type { CasConfig } from '../config/cas-config';

/** A host as written in a URL: IPv6 addresses in brackets. */
function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * What the server prints once it serves: where the login page is and, when the admin API is
 * on, where that is (on the main listener, or on CAS_ADMIN_HOST:CAS_ADMIN_PORT). Both speak
 * https when the server has a certificate (TLS_CERT_FILE).
 */
export function startupLines(config: CasConfig, port: number, adminPort: number | null): string[] {
  const scheme = config.tls ? 'https' : 'http';
  const workers = config.workers > 1 ? `, ${config.workers} workers` : '';
  const lines = [
    `CAS server listening on ${scheme}://${urlHost(config.host)}:${port}${config.pathPrefix}/login (database: ${config.database.type}${workers})`,
  ];
  const { enabled, listen } = config.admin;
  if (enabled) {
    const where = listen ? `${urlHost(listen.host)}:${adminPort ?? listen.port}` : `${urlHost(config.host)}:${port}`;
    lines.push(`admin API served at ${scheme}://${where}/api/admin`);
  }
  return lines;
}
