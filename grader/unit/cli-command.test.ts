// Unit tests of the command framework (grader/cli/command.ts and its neighbours): parsing (types,
// defaults, lists, negative numbers, unknown options with "did you mean"), the generated help,
// edit-distance suggestions, the one exit-code mapping and the colour decision. Nothing is graded.
import { describe, expect, test } from 'vitest';
import { colourLevel, noColorFlag } from '../cli/colour.js';
import { defineCommand, type OptionDefs } from '../cli/command.js';
import { errorLines, EXIT, exitCodeOf } from '../cli/exit.js';
import { closest, didYouMean, editDistance, UsageError } from '../cli/usage.js';
import { TargetError } from '../runner/host/paths.js';
import { SelectionError } from '../runner/host/select.js';
import { MarkerError, UsageError as MakeLabsUsageError } from '../tools/make-labs.js';

const OPTIONS = {
  target: { type: 'string', arg: 'T', default: 'labs', help: 'what to grade' },
  json: { type: 'string', arg: 'FILE', help: 'write the report' },
  seed: { type: 'int', arg: 'S', default: 1, min: 0, max: 100, help: 'first seed' },
  jobs: { type: 'int', arg: 'N', min: 1, help: 'at a time' },
  tests: { type: 'list', arg: 'PREFIX', help: 'only these tests' },
  verbose: { type: 'boolean', short: 'v', help: 'say more' },
  secret: { type: 'boolean', hidden: true, help: 'kit-internal' },
} as const satisfies OptionDefs;

const cmd = defineCommand({
  name: 'demo',
  invocation: 'npx raftlab demo',
  positionals: '[lab…]',
  summary: 'a demo',
  description: 'Does nothing.',
  options: OPTIONS,
  examples: ['npx raftlab demo lab1'],
  footer: 'Exit code 0.',
  run: (p) => p.positionals.length,
});

const usage = (args: string[]): string => {
  try {
    cmd.parse(args);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
};

describe('parse', () => {
  test('defaults, types, lists, short flags and positionals', () => {
    const p = cmd.parse(['lab1', '--seed', '7', '--tests', 'a,b', '--tests=c', '-v', 'lab2']);
    expect(p.values).toEqual({
      target: 'labs',
      json: undefined,
      seed: 7,
      jobs: undefined,
      tests: ['a', 'b', 'c'],
      verbose: true,
      secret: false,
    });
    expect(p.positionals).toEqual(['lab1', 'lab2']);
    expect(p.help).toBe(false);
    expect(cmd.parse(['-h']).help).toBe(true);
  });

  test('the last of a repeated single-valued option wins; after -- everything is positional', () => {
    const p = cmd.parse(['--target', 'a', '--target=b', '--', '--seed']);
    expect(p.values.target).toBe('b');
    expect(p.positionals).toEqual(['--seed']);
  });

  test('a negative number is a value, and out of range it gets a plain message', () => {
    expect(usage(['--seed', '-1'])).toBe('demo: --seed must be a whole number from 0 to 100, got "-1"');
    expect(usage(['--seed', '101'])).toContain('from 0 to 100');
    expect(usage(['--seed', '1.5'])).toContain('whole number');
    expect(usage(['--jobs', '0'])).toBe('demo: --jobs must be a whole number of at least 1, got "0"');
  });

  test('unknown options suggest the nearest known ones (never a hidden one)', () => {
    expect(usage(['--seeed', '3'])).toBe('demo: unknown option --seeed (did you mean --seed?)');
    expect(usage(['--tagret', 'x'])).toContain('did you mean --target?');
    expect(usage(['--secrte'])).toBe('demo: unknown option --secrte');
    expect(usage(['-x'])).toBe('demo: unknown option -x');
  });

  test('a value that is missing, swallowed by the next option, or given to a flag', () => {
    expect(usage(['--json'])).toBe('demo: --json needs a value: --json FILE');
    expect(usage(['--json', '--verbose'])).toBe('demo: --json needs a value: --json FILE');
    expect(usage(['--verbose=yes'])).toBe('demo: --verbose takes no value (got --verbose=yes)');
    expect(cmd.parse(['--json=-x']).values.json).toBe('-x');
    expect(cmd.parse(['--json', '-']).values.json).toBe('-');
  });

  test('a command without positionals refuses them', () => {
    const bare = defineCommand({ ...cmd.def, positionals: undefined });
    expect(() => bare.parse(['extra'])).toThrow('unexpected argument "extra"');
  });

  test('--no-color is accepted by every command, and found before a --', () => {
    expect(() => cmd.parse(['--no-color'])).not.toThrow();
    expect(noColorFlag(['grade', '--no-color'])).toBe(true);
    expect(noColorFlag(['grade', '--', '--no-color'])).toBe(false);
  });

  test('execute prints the help for -h and otherwise runs', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await cmd.execute(['--help'], io)).toBe(0);
    expect(lines.join('\n')).toContain('Usage: npx raftlab demo [lab…] [options]');
    expect(await cmd.execute(['a', 'b'], io)).toBe(2);
  });
});

describe('help', () => {
  const help = cmd.help();
  test('is made from the definition: usage, description, options with defaults, examples, footer', () => {
    expect(help.split('\n\n')[0]).toBe('Usage: npx raftlab demo [lab…] [options]');
    expect(help).toContain('Does nothing.');
    expect(help).toMatch(/ {2}--target T +what to grade \(default labs\)/);
    expect(help).toMatch(/ {2}--tests PREFIX +only these tests \(repeatable, or comma-separated\)/);
    expect(help).toMatch(/ {2}-v, --verbose +say more/);
    expect(help).toContain('--no-color');
    expect(help).toMatch(/ {2}-h, --help +show this help/);
    expect(help).toContain('Examples:\n  npx raftlab demo lab1');
    expect(help.endsWith('Exit code 0.')).toBe(true);
  });
  test('hides hidden options and wraps long lines', () => {
    expect(help).not.toContain('--secret');
    const { run: _, options: __, ...spec } = cmd.def;
    const long = defineCommand({
      ...spec,
      options: { x: { type: 'boolean', help: 'word '.repeat(40).trim() } },
      run: () => 0,
    }).help();
    for (const line of long.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('did you mean', () => {
  test('edit distance', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('lab1a', 'lab1a')).toBe(0);
    expect(editDistance('lab1a', 'lab1b')).toBe(1);
  });
  test('suggests the nearest few, nearest first, and nothing when far', () => {
    expect(closest('lab1e', ['lab1a', 'lab2a', 'lab3c', 'all'])).toEqual(['lab1a', 'lab2a', 'lab3c']);
    expect(closest('grad', ['grade', 'list', 'replay'])).toEqual(['grade']);
    expect(didYouMean('zzzzzz', ['grade', 'list'])).toBe('');
    expect(didYouMean('lst', ['grade', 'list'])).toBe(' (did you mean list?)');
    expect(didYouMean('lab1', ['lab1a', 'lab1b'])).toBe(' (did you mean lab1a or lab1b?)');
  });
});

describe('exit codes', () => {
  test('usage and target errors are 2, make-labs refusals 1, anything else 3', () => {
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, internal: 3 });
    expect(exitCodeOf(new UsageError('x'))).toBe(2);
    expect(exitCodeOf(new TargetError('x'))).toBe(2);
    expect(exitCodeOf(new SelectionError('x'))).toBe(2);
    expect(exitCodeOf(new MarkerError([{ file: 'a.ts', line: 1, message: 'm' }]))).toBe(1);
    expect(exitCodeOf(new TypeError('bug'))).toBe(3);
    expect(exitCodeOf('thrown string')).toBe(3);
  });
  test('make-labs has no usage error of its own', () => {
    expect(MakeLabsUsageError).toBe(UsageError);
  });
  test('the printed lines: the message under the program, the help hint for usage, the stack for a bug', () => {
    expect(errorLines('raftlab', new UsageError('grade: bad'), 'npx raftlab --help')).toEqual([
      'raftlab: grade: bad',
      'Run "npx raftlab --help" for usage.',
    ]);
    expect(errorLines('make-labs', new UsageError('make-labs: bad'))).toEqual(['make-labs: bad']);
    const bug = errorLines('raftlab', new TypeError('oops'));
    expect(bug[0]).toContain('internal error');
    expect(bug[1]).toContain('TypeError: oops');
  });
});

describe('colour', () => {
  const tty = { noColorFlag: false, env: {}, detected: 3 } as const;
  test('a terminal is coloured; --no-color and NO_COLOR turn it off', () => {
    expect(colourLevel(tty)).toBe(3);
    expect(colourLevel({ ...tty, noColorFlag: true })).toBe(0);
    expect(colourLevel({ ...tty, env: { NO_COLOR: '1' } })).toBe(0);
    expect(colourLevel({ ...tty, env: { NO_COLOR: '' } })).toBe(3);
  });
  test('FORCE_COLOR as chalk reads it, above NO_COLOR but below --no-color', () => {
    const pipe = { ...tty, detected: 0 } as const;
    expect(colourLevel(pipe)).toBe(0);
    expect(colourLevel({ ...pipe, env: { FORCE_COLOR: '1' } })).toBe(1);
    expect(colourLevel({ ...pipe, env: { FORCE_COLOR: '' } })).toBe(1);
    expect(colourLevel({ ...pipe, env: { FORCE_COLOR: 'true' } })).toBe(1);
    expect(colourLevel({ ...pipe, env: { FORCE_COLOR: '7' } })).toBe(3);
    expect(colourLevel({ ...tty, env: { FORCE_COLOR: '0' } })).toBe(0);
    expect(colourLevel({ ...tty, env: { FORCE_COLOR: 'false' } })).toBe(0);
    expect(colourLevel({ ...pipe, env: { FORCE_COLOR: '2', NO_COLOR: '1' } })).toBe(2);
    expect(colourLevel({ ...pipe, noColorFlag: true, env: { FORCE_COLOR: '2' } })).toBe(0);
  });
});
