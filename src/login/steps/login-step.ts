import type { AuthenticatedUser } from '../../auth/auth-backend';
import type { SsoSession } from '../../sessions/sso-session.entity';
import type { CookieAction, LoginOutcome } from '../login-outcome';
import type { CredentialsRequest } from '../login-request';
import type { ServiceResolution } from '../service-resolution';

/** What the browser sent: a plain GET, the credentials form, or the warn page's confirmation. */
export type Submitted = 'credentials' | 'warn' | null;

/** Where a login stands between two steps (see login.flow.ts). */
export interface LoginState {
  /** On a GET, the credential fields are absent and `warned` is false. */
  readonly request: CredentialsRequest & { browser: string };
  readonly submitted: Submitted;
  readonly service: ServiceResolution;
  /** The password just checked, with the throttle delay still owed for it. */
  readonly authenticated?: { user: AuthenticatedUser; hold: () => Promise<void> };
  /** The SSO session the login is for, once there is one. */
  readonly session?: SsoSession;
  /** The session was opened by this request, not found in the browser. */
  readonly fromNewLogin: boolean;
  /** Whether the warn page's login ticket was good (a warn confirmation only). */
  readonly warnTicketValid?: boolean;
  /** The TGC change that goes with whatever answer ends the flow. */
  readonly cookie: CookieAction;
}

/** Hand the (possibly enriched) state to the next step, or end the flow with this answer. */
export type StepResult = { next: LoginState } | { answer: LoginOutcome };

export interface LoginStep {
  run(state: LoginState): Promise<StepResult>;
}

export const next = (state: LoginState, changes: Partial<LoginState> = {}): StepResult => ({
  next: { ...state, ...changes },
});

export const answer = (outcome: LoginOutcome): StepResult => ({ answer: outcome });

/** Runs the steps until one answers; the answer goes out with the TGC change the state then holds. */
export async function runSteps(
  steps: readonly LoginStep[],
  initial: LoginState,
): Promise<{ outcome: LoginOutcome; state: LoginState }> {
  let state = initial;
  for (const step of steps) {
    const result = await step.run(state);
    if ('answer' in result) return { outcome: result.answer, state };
    state = result.next;
  }
  throw new Error('the login flow ended without an answer');
}
