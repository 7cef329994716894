import { answer, next, runSteps, type LoginState, type LoginStep } from './login-step';
import { state } from '../../../test/support/login-steps';

/** A step that notes it ran, then goes on with `changes` or answers. */
function step(name: string, ran: string[], does: Partial<LoginState> | 'answer'): LoginStep {
  return {
    run: (s) => {
      ran.push(name);
      return Promise.resolve(
        does === 'answer'
          ? answer({ kind: 'redirect', url: `https://${name}.example/`, ticketIssued: false })
          : next(s, does),
      );
    },
  };
}

describe('runSteps', () => {
  it('runs the steps in order and stops at the first answer', async () => {
    const ran: string[] = [];
    const { outcome } = await runSteps(
      [step('a', ran, {}), step('b', ran, 'answer'), step('c', ran, 'answer')],
      state(),
    );
    expect(ran).toEqual(['a', 'b']);
    expect(outcome).toEqual({ kind: 'redirect', url: 'https://b.example/', ticketIssued: false });
  });

  it('hands each step the state the previous one left, and returns it with the answer', async () => {
    const ran: string[] = [];
    const seen: LoginState[] = [];
    const watcher: LoginStep = {
      run: (s) => {
        seen.push(s);
        return Promise.resolve(answer({ kind: 'redirect', url: 'https://end.example/', ticketIssued: false }));
      },
    };
    const { state: final } = await runSteps(
      [step('a', ran, { cookie: { set: 'TGC-1' } }), step('b', ran, { fromNewLogin: true }), watcher],
      state(),
    );
    expect(seen[0]).toMatchObject({ cookie: { set: 'TGC-1' }, fromNewLogin: true });
    expect(final.cookie).toEqual({ set: 'TGC-1' });
  });

  it('refuses to end without an answer', async () => {
    await expect(runSteps([step('a', [], {})], state())).rejects.toThrow('without an answer');
  });
});
