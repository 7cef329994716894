import { formFields } from './login-pages';
import { allowed, pages, state } from '../../test/support/login-steps';

describe('formFields', () => {
  it('carries an allowed service, the parameter that named it, and method=POST only', () => {
    const { request } = state({}, { serviceParam: 'TARGET', method: 'post', renew: false, gateway: true });
    expect(formFields(request, allowed())).toEqual({
      service: 'https://app.example.org/',
      serviceParam: 'TARGET',
      method: 'POST',
      renew: false,
      gateway: true,
    });
    expect(formFields({ ...request, method: 'HEAD' }, allowed()).method).toBeUndefined();
  });

  it('drops a refused service, and gateway under renew', () => {
    const { request } = state({}, { renew: true, gateway: true });
    expect(formFields(request, { kind: 'disallowed' })).toMatchObject({ service: undefined, gateway: false });
  });
});

describe('LoginPages.serviceMessages', () => {
  it('names the service asking, unless CAS_SHOW_SERVICE_MESSAGES is off; a refusal always shows', () => {
    expect(pages().serviceMessages(allowed(), false)).toMatchObject([{ key: 'msg.serviceRequired' }]);
    const quiet = pages(false);
    expect(quiet.serviceMessages(allowed(), true)).toEqual([]);
    expect(quiet.serviceMessages({ kind: 'disallowed' }, false)).toMatchObject([{ key: 'msg.serviceNotAllowed' }]);
    expect(quiet.serviceMessages({ kind: 'none' }, false)).toEqual([]);
  });
});
