import type { Visit } from './visitor';
import { showHops } from './visitor';

/** Anything that can tell its side of a failure. */
export interface HasLogs {
  logs(): string;
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}

function sideLogs(sides: Record<string, HasLogs>): string {
  return Object.entries(sides)
    .map(([name, side]) => `--- ${name} (last lines):\n${tail(side.logs())}`)
    .join('\n');
}

/**
 * The JSON an application shows a logged-in user, or an error that says where the visit went
 * and what each process printed: a failing interop case must say why.
 */
export function appAnswer<T>(visit: Visit, sides: Record<string, HasLogs>): T {
  const explain = (why: string) =>
    new Error(
      `${why}\nvisit:\n${showHops(visit.hops)}\nlast page (${visit.status}):\n${visit.body.slice(0, 2000)}\n` +
        sideLogs(sides),
    );
  if (visit.status !== 200) throw explain(`the application answered ${visit.status}`);
  if (visit.askedForPassword && new URL(visit.url).pathname.endsWith('/login')) {
    throw explain('the visit stopped at the CAS login form: a password was asked for');
  }
  try {
    return JSON.parse(visit.body) as T;
  } catch {
    throw explain('the application did not show a logged-in user');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds (the server sends Single Logout requests in the background). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  sides: Record<string, HasLogs>,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`still not true after ${timeoutMs} ms: ${what}\n${sideLogs(sides)}`);
    await sleep(200);
  }
}
