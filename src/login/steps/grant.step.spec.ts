import { ValueTooLongError } from '../../database/column-limits';
import type { GrantResult } from '../../grant/service-ticket-grant';
import { GrantStep } from './grant.step';
import { allowed, answered, rules, session, state } from '../../../test/support/login-steps';

/** A grant answering `result`, recording what it was asked. */
function grant(result: GrantResult) {
  const asked: unknown[][] = [];
  return {
    asked,
    serviceTicket: (...args: unknown[]) => {
      asked.push(args);
      return Promise.resolve(result);
    },
  };
}

describe('GrantStep', () => {
  const issued = grant({ issued: true, ticket: 'ST-1' });

  it('redirects to the service with the ticket, recording a new login', async () => {
    const outcome = answered(
      await new GrantStep(issued).run(state({ session: session(), service: allowed(), fromNewLogin: true })),
    );
    expect(outcome).toEqual({ kind: 'redirect', url: 'https://app.example.org/?ticket=ST-1', ticketIssued: true });
    expect(issued.asked[0]?.slice(2)).toEqual(['https://app.example.org/', true]);
  });

  it('names the ticket SAMLart for the SAML 1.1 browser flow, and POSTs it on method=POST', async () => {
    const outcome = answered(
      await new GrantStep(issued).run(state({ session: session(), service: allowed('SAMLart') }, { method: 'post' })),
    );
    expect(outcome).toEqual({
      kind: 'post',
      action: 'https://app.example.org/',
      fields: [{ name: 'SAMLart', value: 'ST-1' }],
    });
  });

  it('stays logged in here without a service, greeting a new login only', async () => {
    const step = new GrantStep(issued);
    expect(answered(await step.run(state({ session: session(), fromNewLogin: true })))).toMatchObject({
      kind: 'logged',
      messages: [{ key: 'msg.loginSuccess' }],
    });
    expect(answered(await step.run(state({ session: session() })))).toMatchObject({ kind: 'logged', messages: [] });
  });

  it('says an unknown service is not allowed', async () => {
    const outcome = answered(
      await new GrantStep(issued).run(state({ session: session(), service: { kind: 'disallowed' } })),
    );
    expect(outcome).toMatchObject({ kind: 'logged', messages: [{ key: 'msg.serviceNotAllowed' }] });
  });

  it("shows the rules' refusal, or sends a gateway request back without a ticket", async () => {
    const refused = grant({
      issued: false,
      reason: 'refused',
      decision: { allowed: false, reason: 'user_field_missing', message: 'The attribute uid is needed' },
    });
    const service = { ...allowed(), rules: rules({ userField: 'uid' }) };
    const message = { level: 'error', key: 'msg.attributeNeeded', params: { attribute: 'uid' } };
    expect(answered(await new GrantStep(refused).run(state({ session: session(), service })))).toMatchObject({
      kind: 'logged',
      messages: [message],
    });
    const gateway = state({ session: session(), service }, { gateway: true });
    expect(answered(await new GrantStep(refused).run(gateway))).toEqual({
      kind: 'redirect',
      url: 'https://app.example.org/',
      ticketIssued: false,
      messages: [message],
    });
  });

  it('says so when the name or attributes are too long for the ticket', async () => {
    const tooLong = grant({ issued: false, reason: 'too_long', error: new ValueTooLongError([]) });
    const outcome = answered(await new GrantStep(tooLong).run(state({ session: session(), service: allowed() })));
    expect(outcome).toMatchObject({ kind: 'logged', messages: [{ key: 'msg.valueTooLongForService' }] });
  });

  it('needs a session', async () => {
    await expect(new GrantStep(issued).run(state())).rejects.toThrow('without a session');
  });
});
