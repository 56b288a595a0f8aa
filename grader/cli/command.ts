// The one way to build a command of the kit (raftlab's subcommands, the self-test, make-labs, proto,
// bench): a definition (name, summary, options with types, defaults and help text, positionals,
// run) from which both the help text and the parser are made. Parsing is node:util parseArgs
// (tokens, non-strict) checked here, so that every command words its errors the same way: an
// unknown option with "did you mean", a missing or unexpected value, a number out of range.
import { parseArgs } from 'node:util';
import { didYouMean, UsageError } from './usage.js';

interface OptionBase {
  help: string;
  /** Not listed in the help (kit-internal options). */
  hidden?: boolean;
}
export interface BooleanOption extends OptionBase {
  type: 'boolean';
  short?: string;
}
export interface StringOption extends OptionBase {
  type: 'string';
  /** The value's placeholder in the help, e.g. `FILE`. */
  arg: string;
  default?: string;
}
export interface IntOption extends OptionBase {
  type: 'int';
  arg: string;
  default?: number;
  min?: number;
  max?: number;
}
/** Repeatable, each value comma-separated: `--tests a,b --tests c` is [a, b, c]. */
export interface ListOption extends OptionBase {
  type: 'list';
  arg: string;
}
export type OptionDef = BooleanOption | StringOption | IntOption | ListOption;
export type OptionDefs = Record<string, OptionDef>;

type ValueOf<D extends OptionDef> = D extends BooleanOption
  ? boolean
  : D extends ListOption
    ? string[]
    : D extends IntOption
      ? D extends { default: number }
        ? number
        : number | undefined
      : D extends { default: string }
        ? string
        : string | undefined;

export type Values<O extends OptionDefs> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface Parsed<O extends OptionDefs> {
  values: Values<O>;
  positionals: string[];
  /** -h / --help was given. */
  help: boolean;
}

/** What a command is and takes: enough to parse its command line and write its help. */
export interface CommandSpec<O extends OptionDefs> {
  name: string;
  /** How the command is started, e.g. `npx raftlab grade` (the help's usage line). */
  invocation: string;
  /** One line, for the list of commands. */
  summary: string;
  /** Paragraphs after the usage line. */
  description: string;
  options: O;
  /** The positionals' usage (e.g. `[lab…]`); without it, no positional is accepted. */
  positionals?: string;
  examples?: readonly string[];
  /** The help's last paragraph (e.g. what the exit codes mean). */
  footer?: string;
}

export interface CommandDef<O extends OptionDefs> extends CommandSpec<O> {
  run(p: Parsed<O>, io: CommandIO): Promise<number> | number;
}

/** Where a command's help and messages go (tests and the self-test capture them). */
export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
}

export const CONSOLE_IO: CommandIO = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** A defined command, as the dispatchers see it. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly positionals: string | undefined;
  help(): string;
  /** Parses, prints the help for -h, else runs; errors are thrown (see exit.ts for their codes). */
  execute(args: readonly string[], io?: CommandIO): Promise<number>;
}

export interface TypedCommand<O extends OptionDefs> extends Command {
  readonly def: CommandDef<O>;
  parse(args: readonly string[]): Parsed<O>;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS = {
  'no-color': {
    type: 'boolean',
    help: 'no colours in the output (also NO_COLOR=1; FORCE_COLOR=1 forces them)',
  },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionDefs;

export function defineCommand<const O extends OptionDefs>(def: CommandDef<O>): TypedCommand<O> {
  return {
    def,
    name: def.name,
    summary: def.summary,
    positionals: def.positionals,
    help: () => renderHelp(def),
    parse: (args) => parseCommand(def, args),
    async execute(args, io = CONSOLE_IO) {
      const p = parseCommand(def, args);
      if (p.help) {
        io.out(renderHelp(def));
        return 0;
      }
      return await def.run(p, io);
    },
  };
}

export function parseCommand<O extends OptionDefs>(def: CommandSpec<O>, args: readonly string[]): Parsed<O> {
  const all: OptionDefs = { ...def.options, ...GLOBAL_OPTIONS };
  const nodeOptions = Object.fromEntries(
    Object.entries(all).map(([name, o]) => [
      name,
      o.type === 'boolean'
        ? { type: 'boolean' as const, ...(o.short !== undefined ? { short: o.short } : {}) }
        : { type: 'string' as const, multiple: o.type === 'list' },
    ]),
  );
  const { tokens } = parseArgs({
    args: [...args],
    options: nodeOptions,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const raw = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const o = all[t.name];
    if (o === undefined) {
      const known = Object.keys(all).filter((k) => !all[k]?.hidden);
      throw new UsageError(
        `${def.name}: unknown option ${t.rawName}${didYouMean(t.name, known, (k) => `--${k}`)}`,
      );
    }
    if (o.type === 'boolean') {
      if (t.value !== undefined)
        throw new UsageError(`${def.name}: ${t.rawName} takes no value (got ${t.rawName}=${t.value})`);
      flags.add(t.name);
      continue;
    }
    // `--json --verbose`: the next option is not a value (`-` and `-1` are)
    const v = t.value;
    if (v === undefined || (!t.inlineValue && /^-[^\d]/.test(v)))
      throw new UsageError(`${def.name}: ${t.rawName} needs a value: ${t.rawName} ${o.arg}`);
    raw.set(t.name, [...(raw.get(t.name) ?? []), v]);
  }
  if (def.positionals === undefined && positionals.length > 0)
    throw new UsageError(`${def.name}: unexpected argument "${positionals[0]}" (it takes options only)`);
  const values = Object.fromEntries(
    Object.entries(def.options).map(([name, o]) => [
      name,
      optionValue(def.name, name, o, raw.get(name), flags),
    ]),
  ) as Values<O>;
  return { values, positionals, help: flags.has('help') };
}

function optionValue(
  command: string,
  name: string,
  o: OptionDef,
  given: readonly string[] | undefined,
  flags: ReadonlySet<string>,
): boolean | string | string[] | number | undefined {
  switch (o.type) {
    case 'boolean':
      return flags.has(name);
    case 'list':
      return (given ?? [])
        .flatMap((v) => v.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'string':
      return given?.at(-1) ?? o.default;
    case 'int': {
      const v = given?.at(-1);
      return v === undefined ? o.default : intValue(command, name, v, o);
    }
  }
}

/** A whole number within the option's bounds, or a usage error that says which bound. */
function intValue(command: string, name: string, raw: string, o: IntOption): number {
  const n = Number(raw);
  const range =
    o.min !== undefined && o.max !== undefined
      ? ` from ${o.min} to ${o.max}`
      : o.min !== undefined
        ? ` of at least ${o.min}`
        : o.max !== undefined
          ? ` of at most ${o.max}`
          : '';
  const bad = raw.trim() === '' || !Number.isSafeInteger(n);
  if (bad || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max))
    throw new UsageError(`${command}: --${name} must be a whole number${range}, got "${raw}"`);
  return n;
}

/** Help lines are wrapped to this many columns. */
const HELP_WIDTH = 100;

/** A line cut at spaces into lines of at most `width` characters (a longer word stays whole). */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur !== '' && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = word;
    } else cur = cur === '' ? word : `${cur} ${word}`;
  }
  return [...out, cur];
}

/** The help text of a command, made from its definition. */
export function renderHelp<O extends OptionDefs>(def: CommandSpec<O>): string {
  const usage = [def.invocation, def.positionals, '[options]'].filter((x) => x !== undefined).join(' ');
  const all: OptionDefs = { ...def.options, ...GLOBAL_OPTIONS };
  const rows = Object.entries(all)
    .filter(([, o]) => !o.hidden)
    .map(([name, o]): [string, string] => {
      const short = o.type === 'boolean' && o.short !== undefined ? `-${o.short}, ` : '';
      const left = `${short}--${name}${o.type === 'boolean' ? '' : ` ${o.arg}`}`;
      const dflt = 'default' in o && o.default !== undefined ? ` (default ${o.default})` : '';
      const repeat = o.type === 'list' ? ' (repeatable, or comma-separated)' : '';
      return [left, `${o.help}${dflt}${repeat}`];
    });
  const width = Math.min(24, Math.max(...rows.map(([l]) => l.length)) + 2);
  const options = rows.flatMap(([left, help]) => {
    const [first = '', ...rest] = help.split('\n').flatMap((l) => wrap(l, HELP_WIDTH - width - 2));
    const head = left.length + 2 > width ? `  ${left}  ${first}` : `  ${left.padEnd(width)}${first}`;
    return [head, ...rest.map((l) => `  ${' '.repeat(width)}${l}`)];
  });
  const parts = [`Usage: ${usage}`, def.description, ['Options:', ...options].join('\n')];
  if (def.examples !== undefined && def.examples.length > 0)
    parts.push(['Examples:', ...def.examples.map((e) => `  ${e}`)].join('\n'));
  if (def.footer !== undefined) parts.push(def.footer);
  return parts.join('\n\n');
}
