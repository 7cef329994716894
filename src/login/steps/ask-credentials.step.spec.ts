import { AskCredentialsStep } from './ask-credentials.step';
import { allowed, answered, BROWSER, pages, session, state } from '../../../test/support/login-steps';

describe('AskCredentialsStep', () => {
  const step = new AskCredentialsStep(pages());

  it('goes on when a session was found or credentials were sent', async () => {
    expect(await step.run(state({ session: session() }))).toHaveProperty('next');
    expect(await step.run(state({ submitted: 'credentials' }))).toHaveProperty('next');
  });

  it('shows the form with a ticket for this browser, saying which service asks', async () => {
    const outcome = answered(await step.run(state({ service: allowed() }, { service: 'https://app.example.org/' })));
    expect(outcome).toMatchObject({
      kind: 'form',
      status: 200,
      lt: `LT-for-${BROWSER}`,
      showForm: true,
      fields: { service: 'https://app.example.org/', renew: false, gateway: false },
      messages: [{ key: 'msg.serviceRequired', params: { name: 'App' } }],
    });
  });

  it('says a renewal is asked for on renew', async () => {
    const outcome = answered(await step.run(state({ service: allowed() }, { renew: true })));
    expect(outcome).toMatchObject({ kind: 'form', messages: [{ key: 'msg.renewalRequired' }] });
  });

  it('sends a gateway request back to the service without a ticket', async () => {
    const outcome = answered(await step.run(state({ service: allowed() }, { gateway: true })));
    expect(outcome).toEqual({ kind: 'redirect', url: 'https://app.example.org/', ticketIssued: false });
  });

  it('answers a gateway request for an unknown service with the refusal and no form', async () => {
    const outcome = answered(await step.run(state({ service: { kind: 'disallowed' } }, { gateway: true })));
    expect(outcome).toMatchObject({ kind: 'form', showForm: false, messages: [{ key: 'msg.serviceNotAllowed' }] });
  });

  it('asks for credentials when renew and gateway come together (renew wins)', async () => {
    const outcome = answered(await step.run(state({ service: allowed() }, { gateway: true, renew: true })));
    expect(outcome).toMatchObject({ kind: 'form', showForm: true, fields: { gateway: false, renew: true } });
  });

  it('shows the form to a gateway request without a service', async () => {
    expect(answered(await step.run(state({}, { gateway: true })))).toMatchObject({ kind: 'form', showForm: true });
  });
});
