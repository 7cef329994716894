import { command, helpText, parseCommandLine, UsageError, wantsHelp } from './command';

const add = command({
  name: 'things:add',
  args: '<what> [where]',
  summary: 'add a thing',
  options: {
    name: { type: 'string', required: true, value: 'NAME', help: 'its name' },
    size: { type: 'string', default: '1', value: 'N', help: 'how big' },
    tag: { type: 'string', multiple: true, value: 'TAG', help: 'a tag' },
    loud: { type: 'boolean', help: 'say it loudly' },
  },
});

describe('command line of one command', () => {
  it('parses options with their defaults: booleans false, lists empty', () => {
    expect(parseCommandLine(add, ['box', '--name', 'b'])).toEqual({
      values: { name: 'b', size: '1', tag: [], loud: false },
      positionals: ['box'],
    });
    expect(parseCommandLine(add, ['box', 'shelf', '--name=b', '--tag', 'x', '--tag', 'y', '--loud']).values).toEqual({
      name: 'b',
      size: '1',
      tag: ['x', 'y'],
      loud: true,
    });
  });

  it('refuses unknown options, missing required ones and wrong argument counts as usage errors', () => {
    const refusal = (args: string[]) => {
      try {
        parseCommandLine(add, args);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(['box', '--name', 'b', '--colour', 'red'])).toMatch(
      /^unknown option --colour\nusage: cas things:add/,
    );
    expect(refusal(['box'])).toMatch(/^--name is required/);
    expect(refusal(['--name', 'b'])).toMatch(/^missing <what>/);
    expect(refusal(['a', 'b', 'c', '--name', 'b'])).toMatch(/^unexpected argument c/);
    expect(refusal(['box', '--name'])).toMatch(/argument missing/);
  });

  it('writes the help from the same declaration', () => {
    const help = helpText(add);
    expect(help).toMatch(/^usage: cas things:add <what> \[where\] --name NAME \[options\]\n\nadd a thing\n/);
    expect(help).toContain('--name NAME  its name (required)');
    expect(help).toContain('--size N     how big (default 1)');
    expect(help).toContain('--tag TAG    a tag (repeatable)');
    expect(help).toContain('-h, --help   show this help');
  });

  it('sees --help anywhere before a -- marker', () => {
    expect(wantsHelp(['x', '--name', 'y', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsHelp(['--name', 'help'])).toBe(false);
  });
});
