import type { CasConfig } from '../config/cas-config';
import { logoutQuery } from './logout.params';

const schema = logoutQuery({ maxServiceUrlLength: 32 } as CasConfig);

describe('logout parameters', () => {
  it('reads service, url and all', () => {
    expect(schema.parse({ service: 'https://a/', url: 'https://b/', all: '1' })).toEqual({
      service: 'https://a/',
      url: 'https://b/',
      all: true,
    });
    expect(schema.parse(undefined)).toEqual({ all: false });
  });

  it('never refuses: a malformed parameter and those after it are ignored', () => {
    expect(schema.parse({ service: ['a', 'b'], url: 'https://b/', all: '1' })).toEqual({ all: false });
    expect(schema.parse({ service: 'https://a/', url: 'x'.repeat(33), all: '1' })).toEqual({
      service: 'https://a/',
      all: false,
    });
    expect(schema.parse({ service: 'https://a/', all: ['1', '1'] })).toEqual({ service: 'https://a/', all: false });
  });
});
