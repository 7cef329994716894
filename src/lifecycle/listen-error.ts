/** The settings that chose an address, for messages: `HOST`/`PORT` or the admin API's. */
export interface AddressSettings {
  host: string;
  port: string;
}

/**
 * A listen failure said in terms of the settings to change, instead of Node's
 * `listen EADDRINUSE: address already in use 127.0.0.1:8080`.
 */
export function listenError(err: unknown, names: AddressSettings, host: string, port: number): Error {
  const code = (err as { code?: string }).code;
  const at = `${names.port}=${port} on ${names.host}=${host}`;
  switch (code) {
    case 'EADDRINUSE':
      return new Error(`${at}: the port is already in use by another process; stop it or choose another ${names.port}`);
    case 'EACCES':
      return new Error(`${at}: not allowed (ports below 1024 need privileges); choose another ${names.port}`);
    case 'EADDRNOTAVAIL':
      return new Error(`${names.host}=${host} is not an address of this machine; fix ${names.host}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new Error(`${names.host}=${host} is not a known host name; fix ${names.host}`);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}
