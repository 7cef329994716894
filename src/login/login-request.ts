/** What the /login endpoints hand to the login flow, parsed from the request. */
export interface LoginRequest {
  service?: string;
  serviceParam: 'service' | 'TARGET';
  renew: boolean;
  gateway: boolean;
  warn: boolean;
  /** `method` as sent; only GET and POST are acted on, anything else means GET. */
  method?: string;
  cookie?: string;
  /** The pre-session cookie that login tickets are bound to (login CSRF). */
  browser?: string;
  clientAddress: string;
}

export interface CredentialsRequest extends LoginRequest {
  lt?: string;
  username?: string;
  password?: string;
  /** The warn confirmation page was accepted. */
  warned: boolean;
}
