// What region code may reference, as data: the plain built-ins it may use freely, the namespace
// built-ins whose members are listed, the globals it may never touch (each with the rule it breaks and
// why), and the member names that lead out of plain code (prototype, constructor, stack).
import type { SealRule } from './model.js';

/** Built-ins region code may use as values: constructors, conversions and constants. */
export const PLAIN_GLOBALS: ReadonlySet<string> = new Set([
  ...['undefined', 'NaN', 'Infinity', 'arguments'],
  ...['Number', 'String', 'Boolean', 'BigInt', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise'],
  ...['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError'],
  ...['AggregateError', 'ArrayBuffer', 'DataView', 'Buffer', 'TextEncoder', 'TextDecoder'],
  ...['Uint8Array', 'Uint8ClampedArray', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array'],
  ...['Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'],
  ...['parseInt', 'parseFloat', 'isNaN', 'isFinite', 'structuredClone', 'atob', 'btoa'],
  ...['encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI'],
]);

/**
 * Built-ins used only as `Name.member` (or called, or after instanceof), with the members allowed:
 * as a value they could be handed on and their other members reached.
 */
export const NAMESPACE_GLOBALS: ReadonlyMap<string, ReadonlySet<string> | 'all-but-random'> = new Map<
  string,
  ReadonlySet<string> | 'all-but-random'
>([
  ['Math', 'all-but-random'],
  // RegExp's static members (RegExp.$1, lastMatch, input) hold the last match made anywhere in the process.
  ['RegExp', new Set<string>()],
  ['JSON', new Set(['parse', 'stringify'])],
  [
    'Object',
    new Set([
      ...['keys', 'values', 'entries', 'fromEntries', 'freeze', 'isFrozen', 'seal', 'isSealed'],
      ...['create', 'hasOwn', 'is', 'groupBy'],
    ]),
  ],
  ['Symbol', new Set(['iterator', 'asyncIterator', 'hasInstance', 'toPrimitive', 'toStringTag'])],
  [
    'console',
    new Set([
      'log',
      'info',
      'warn',
      'error',
      'debug',
      'trace',
      'dir',
      'table',
      'assert',
      'group',
      'groupEnd',
    ]),
  ],
]);

interface Forbidden {
  rule: SealRule;
  why: string;
}

const HOST: Forbidden = {
  rule: 'host-access',
  why:
    'reaches the process that runs the grader (its environment, files, modules, exit): region code may use ' +
    "only its file's imports and declarations, its own locals and plain built-ins",
};
const CLOCK: Forbidden = {
  rule: 'clock',
  why:
    'reads the machine clock (or locale), so a run would no longer be a function of your code and the seed: ' +
    'use the Runtime the framework passes in (its now() and timers)',
};
const TIMER: Forbidden = {
  rule: 'timer',
  why: 'schedules work outside the simulated runtime: use the injected Runtime (its timers and spawn)',
};

/** Globals region code may never reference, with the rule each one breaks. */
export const FORBIDDEN_GLOBALS: ReadonlyMap<string, Forbidden> = new Map<string, Forbidden>([
  ...hostNames().map((n): [string, Forbidden] => [n, HOST]),
  ...['Date', 'performance', 'Intl'].map((n): [string, Forbidden] => [n, CLOCK]),
  ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']
    .concat(['queueMicrotask'])
    .map((n): [string, Forbidden] => [n, TIMER]),
  ...['eval', 'Function'].map((n): [string, Forbidden] => [
    n,
    {
      rule: 'code-from-strings',
      why: 'compiles code from a string, which no check can read: write the code itself',
    },
  ]),
  ...['Reflect', 'Proxy'].map((n): [string, Forbidden] => [
    n,
    {
      rule: 'reflection',
      why: 'can intercept or redefine what built-ins do; region code has no need for it',
    },
  ]),
  ...['Atomics', 'SharedArrayBuffer', 'WebAssembly'].map((n): [string, Forbidden] => [
    n,
    { rule: 'shared-memory', why: "reaches memory shared with the grader's threads, or native code" },
  ]),
  ...['WeakRef', 'FinalizationRegistry'].map((n): [string, Forbidden] => [
    n,
    {
      rule: 'gc-observation',
      why: 'depends on when the garbage collector runs, which differs from run to run',
    },
  ]),
]);

function hostNames(): string[] {
  return [
    ...['process', 'globalThis', 'global', 'window', 'self', 'require', 'module', 'exports'],
    ...['__dirname', '__filename', 'navigator', 'crypto', 'fetch', 'Worker', 'MessageChannel'],
    ...['MessagePort', 'BroadcastChannel', 'WebSocket', 'XMLHttpRequest', 'importScripts', 'Deno', 'Bun'],
  ];
}

/** Member names that lead from plain values to the machinery (Function, prototypes, the call stack). */
export const FORBIDDEN_MEMBERS: ReadonlyMap<string, Forbidden> = new Map<string, Forbidden>([
  ...['prototype', '__proto__', 'getPrototypeOf', 'setPrototypeOf', '__defineGetter__', '__defineSetter__']
    .concat(['__lookupGetter__', '__lookupSetter__'])
    .map((n): [string, Forbidden] => [
      n,
      {
        rule: 'prototype',
        why: "reaches a prototype, which every object of the process shares (the grader's too): use your own objects",
      },
    ]),
  [
    'constructor',
    {
      rule: 'constructor',
      why: "leads to Function (code from strings) and to the built-ins' shared state: test a class with instanceof",
    },
  ],
  ...['stack', 'captureStackTrace', 'prepareStackTrace', 'stackTraceLimit'].map((n): [string, Forbidden] => [
    n,
    {
      rule: 'stack',
      why:
        "a stack trace names the grader's files and tests: region code must behave the same whoever calls it " +
        '(print `String(e)` or e.message to debug)',
    },
  ]),
]);

/** Rule texts for the checks that are not a name lookup. */
export const MESSAGES = {
  computedKey:
    'a computed key that is not a number: `obj[name]` with a name built at run time could reach any member (`constructor` among them), so region code indexes only by number (arrays) or by a literal — keep string-keyed data in a Map',
  importInRegion:
    "an import inside a part's region: imports go in the file's `// BEGIN helpers` region (kit modules only)",
  dynamicImport:
    'import() loads a module chosen at run time, which no check can read: import kit modules statically',
  importMeta: 'import.meta reveals where the graded files are; region code must not depend on it',
  ambient:
    '`declare` (and namespaces) tell TypeScript a name exists without defining it, so the name would reach ' +
    'a global of the process: declare real values instead',
  with: '`with` makes every name ambiguous (and is not allowed in modules)',
  debugger: '`debugger` stops the graded process when an inspector is attached: remove it',
  mathRandom:
    'Math.random() is unseeded, so a run would not replay: use the seeded random source of the config',
  symbolRegistry:
    "Symbol.for/Symbol.keyFor reach the process-wide symbol registry, shared with the grader's code",
  builtinWrite:
    "writes to a built-in, which every module of the process shares (the grader's too): keep your state in " +
    'your own objects',
  unknownGlobal:
    'is not declared in this file: region code may use the names the file imports and declares, its own locals ' +
    "and plain built-ins (Math, Number, Array, Map, Set, JSON, Buffer, Error, Promise, …); import the kit's " +
    'modules in the helpers region',
} as const;
