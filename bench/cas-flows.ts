import { Connection, expectStatus, header, type Answer } from './load';

/** The user, password and application the benchmark seeds and logs in with. */
export const USER = 'bench';
export const PASSWORD = 'correct horse battery staple';
export const SERVICE = 'https://app.bench.example/after-login?from=bench';
export const SERVICE_PATTERN = 'https://app\\.bench\\.example/.*';
export const PREFIX = '/cas';

const SERVICE_QUERY = `service=${encodeURIComponent(SERVICE)}`;

function ticketIn(answer: Answer, what: string): string {
  expectStatus(answer, 302, what);
  const location = header(answer, 'location') ?? '';
  const ticket = /[?&]ticket=([A-Za-z0-9-]+)/.exec(location)?.[1];
  if (!ticket) throw new Error(`${what}: no ticket in ${location}`);
  return ticket;
}

function cookieIn(answer: Answer, name: string): string | undefined {
  const cookies = answer.headers['set-cookie'];
  const list = Array.isArray(cookies) ? cookies : cookies ? [cookies] : [];
  return list.map((c) => new RegExp(`^${name}=([^;]+)`).exec(c)?.[1]).find(Boolean);
}

/** The SSO cookie a login answer sets. */
export function tgcIn(answer: Answer): string {
  const tgc = cookieIn(answer, 'TGC');
  if (!tgc) throw new Error('login set no TGC cookie');
  return tgc;
}

/** A full password login as a browser does it: the form (GET), then the POST, answered by a 302. */
export async function passwordLogin(connection: Connection, withService = true): Promise<Answer> {
  const query = withService ? `?${SERVICE_QUERY}` : '';
  const form = await connection.request('form', `${PREFIX}/login${query}`);
  expectStatus(form, 200, 'login form');
  const lt = /name="lt" value="([^"]+)"/.exec(form.body)?.[1];
  if (!lt) throw new Error('login form has no login ticket');
  // The login ticket is bound to the pre-session cookie sent with the form (login CSRF).
  const browser = cookieIn(form, 'CASBROWSER');
  if (!browser) throw new Error('login form set no CASBROWSER cookie');
  const fields = new URLSearchParams({ lt, username: USER, password: PASSWORD });
  if (withService) fields.set('service', SERVICE);
  const answer = await connection.request('post', `${PREFIX}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `CASBROWSER=${browser}` },
    body: fields.toString(),
  });
  if (withService) ticketIn(answer, 'login POST');
  else expectStatus(answer, 200, 'login POST');
  return answer;
}

/** SSO: a ticket from the session cookie, then the application validates it (CAS 3). */
export async function ssoValidate(connection: Connection, tgc: string): Promise<void> {
  const issued = await connection.request('sso', `${PREFIX}/login?${SERVICE_QUERY}`, {
    headers: { cookie: `TGC=${tgc}` },
  });
  const ticket = ticketIn(issued, 'SSO login');
  const answer = await connection.request('validate', `${PREFIX}/p3/serviceValidate?${SERVICE_QUERY}&ticket=${ticket}`);
  expectStatus(answer, 200, 'serviceValidate');
  if (!answer.body.includes('<cas:user>bench</cas:user>')) {
    throw new Error(`serviceValidate did not authenticate: ${answer.body.slice(0, 200)}`);
  }
}

export async function loginPage(connection: Connection): Promise<void> {
  const page = await connection.request('page', `${PREFIX}/login`);
  expectStatus(page, 200, 'login page');
}
