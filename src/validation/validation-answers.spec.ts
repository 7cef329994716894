import { proxyAnswer } from '../proxy/proxy-answers';
import { validateV1Answer, validationAnswer } from './validation-answers';
import { failure } from '../protocol/validation-outcome';

describe('validation and proxy answers', () => {
  const refused = failure('INVALID_REQUEST', "parameter 'ticket' was given more than once");

  it('are XML or JSON as asked, with the media type of each', () => {
    const xml = validationAnswer('XML', refused);
    expect(xml.type).toBe('application/xml; charset=utf-8');
    expect(xml.body).toContain('<cas:authenticationFailure code="INVALID_REQUEST">');
    const json = validationAnswer('JSON', refused);
    expect(json.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual({
      serviceResponse: { authenticationFailure: { code: 'INVALID_REQUEST', description: refused.description } },
    });
    expect(proxyAnswer('XML', refused).body).toContain('<cas:proxyFailure code="INVALID_REQUEST">');
    expect(JSON.parse(proxyAnswer('JSON', refused).body).serviceResponse.proxyFailure.code).toBe('INVALID_REQUEST');
  });

  it('are two bare lines for CAS 1.0', () => {
    expect(validateV1Answer(null)).toEqual({ type: 'text/plain; charset=utf-8', body: 'no\n\n' });
    expect(validateV1Answer('alice').body).toBe('yes\nalice\n');
  });
});
