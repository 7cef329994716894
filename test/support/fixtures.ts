import type { CasServer } from './cas-server';

/** Users and services shared by the protocol suites. */
export const APP = 'https://app.example.org/welcome?lang=en';

export async function seedUsersAndServices(server: CasServer): Promise<void> {
  const steps: Array<[string[], string]> = [
    [
      [
        'users:create',
        'alice',
        '--attr',
        'email=alice@example.org',
        '--attr',
        'groups=staff',
        '--attr',
        'groups=admins',
        '--attr',
        'uid=alice01',
        '--attr',
        'displayName=Alice <Liddell> & "Co"',
      ],
      'wonderland\n',
    ],
    [['users:create', 'bob', '--attr', 'groups=staff'], 'builder\n'],
    [
      [
        'services:add',
        '--name',
        'app',
        '--pattern',
        'https://app\\.example\\.org/.*',
        '--release',
        'email',
        '--release',
        'groups=memberOf',
        '--release',
        'displayName',
        '--rewrite',
        'email=@example\\.org$=>@mail.example.org',
      ],
      '',
    ],
    [
      [
        'services:add',
        '--name',
        'restricted',
        '--pattern',
        'https://restricted\\.example\\.org/.*',
        '--allow-user',
        'bob',
      ],
      '',
    ],
    [
      [
        'services:add',
        '--name',
        'admins-only',
        '--pattern',
        'https://admins\\.example\\.org/.*',
        '--require',
        'groups=admins',
      ],
      '',
    ],
    [
      [
        'services:add',
        '--name',
        'by-uid',
        '--pattern',
        'https://uid\\.example\\.org/.*',
        '--user-field',
        'uid',
        '--release',
        '*',
      ],
      '',
    ],
  ];
  for (const [args, stdin] of steps) {
    const result = await server.cli(args, stdin);
    if (result.code !== 0) throw new Error(`cas ${args.join(' ')} failed: ${result.stderr}`);
  }
}

export function q(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}
