import { WarnStep } from './warn.step';
import { allowed, answered, BROWSER, pages, session, state } from '../../../test/support/login-steps';

describe('WarnStep', () => {
  const step = new WarnStep(pages());
  const warned = session({ warn: true });

  it('shows the warn page before single sign-on to an allowed service', async () => {
    const outcome = answered(await step.run(state({ session: warned, service: allowed() })));
    expect(outcome).toMatchObject({
      kind: 'warn',
      lt: `LT-for-${BROWSER}`,
      username: 'alice',
      target: { url: 'https://app.example.org/' },
    });
  });

  it('goes on when the session did not ask to be warned, or there is no service to warn about', async () => {
    expect(await step.run(state({ session: session(), service: allowed() }))).toHaveProperty('next');
    expect(await step.run(state({ session: warned, service: { kind: 'disallowed' } }))).toHaveProperty('next');
    expect(await step.run(state({ session: warned }))).toHaveProperty('next');
  });

  it('does not warn after a login just made', async () => {
    expect(await step.run(state({ session: warned, service: allowed(), fromNewLogin: true }))).toHaveProperty('next');
  });

  it('goes on once the warn page is confirmed with a good ticket', async () => {
    const confirmed = state({ session: warned, service: allowed(), submitted: 'warn', warnTicketValid: true });
    expect(await step.run(confirmed)).toHaveProperty('next');
  });

  it('keeps the user here when the confirmation carried a bad ticket', async () => {
    const forged = state({ session: warned, service: allowed(), submitted: 'warn', warnTicketValid: false });
    expect(answered(await step.run(forged))).toMatchObject({
      kind: 'logged',
      messages: [{ key: 'msg.invalidLoginTicket' }],
    });
  });
});
