// Unit tests of the seal's static check (grader/seal/static-check.ts): each rule on a small module,
// honest code that must pass (locals named like globals, the file's imports, plain built-ins), region
// structure (a body that escapes its function), helper imports, and the whole reference: every region
// of solutions/ passes with zero findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { treeImportPolicy } from '../seal/imports.js';
import { type ModuleInput, checkModule } from '../seal/static-check.js';
import { HELPERS, scanRegions } from '../tools/makelabs/markers.js';
import { listFiles } from '../tools/makelabs/walk.js';
import { REPO_ROOT as REPO } from '../paths.js';

function moduleText(body: string, helpers = ''): string {
  return [
    '// m: a student file',
    "import { crc32 } from 'node:zlib';",
    "import { helper } from './other.js';",
    '',
    '// BEGIN helpers: yours',
    helpers,
    '// END helpers',
    '',
    'const TOP = 1;',
    'export class K {',
    '  f(x: number, cb: (n: number) => number): unknown {',
    '    // BEGIN lab1a: hint',
    body,
    '    // END lab1a',
    '    return undefined;',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The line of the body's first line in moduleText. */
const BODY_LINE = 13;

function input(text: string): ModuleInput {
  const regions = scanRegions('raft/m.ts', text, new Set(['lab1a']), {
    submission: true,
    lenient: true,
  }).regions;
  return {
    file: 'raft/m.ts',
    text,
    helpersId: HELPERS,
    regions: regions.map((r) => ({ part: r.part, begin: r.begin + 1, end: r.end + 1 })),
  };
}

function rulesOf(body: string, helpers = ''): string[] {
  return checkModule(input(moduleText(body, helpers))).map((p) => p.rule);
}

describe('static check: each rule', () => {
  test.each([
    ['process', 'return process.env;', 'host-access'],
    ['globalThis', 'return globalThis;', 'host-access'],
    ['require', "return require('node:fs');", 'host-access'],
    ['module', 'return module;', 'host-access'],
    ['import()', "return import('node:fs');", 'dynamic-import'],
    ['import.meta', 'return import.meta.url;', 'import-meta'],
    ['an import in a region', "import { y } from './y.js';", 'import-in-region'],
    ['eval', "return eval('1');", 'code-from-strings'],
    ['new Function', "return new Function('return 1')();", 'code-from-strings'],
    ['Reflect', 'return Reflect.ownKeys({});', 'reflection'],
    ['Proxy', 'return new Proxy({}, {});', 'reflection'],
    ['Atomics', 'return Atomics.load(new Int32Array(1), 0);', 'shared-memory'],
    ['SharedArrayBuffer', 'return new SharedArrayBuffer(8);', 'shared-memory'],
    ['WebAssembly', 'return WebAssembly;', 'shared-memory'],
    ['Date', 'return Date.now();', 'clock'],
    ['performance', 'return performance.now();', 'clock'],
    ['setTimeout', 'setTimeout(() => 0, 1);', 'timer'],
    ['setImmediate', 'setImmediate(() => 0);', 'timer'],
    ['queueMicrotask', 'queueMicrotask(() => 0);', 'timer'],
    ['WeakRef', 'return new WeakRef({});', 'gc-observation'],
    ['Math.random', 'return Math.random();', 'math-random'],
    ["Math['random']", "return Math['random']();", 'math-random'],
    ['Symbol.for', "return Symbol.for('k');", 'symbol-registry'],
    ['Math as a value', 'const m = Math;\n    return m;', 'builtin-member'],
    ['Object.defineProperty', "return Object.defineProperty({}, 'a', {});", 'builtin-member'],
    ['Object[computed]', "const k = 'keys';\n    return Object[k];", 'builtin-member'],
    [
      'a string key built at run time',
      "const k = ['con', 'structor'].join('');\n    return (() => 0)[k];",
      'computed-key',
    ],
    [
      'a computed key in a destructuring',
      'const k = String(cb);\n    const { [k]: f } = cb;\n    return f;',
      'computed-key',
    ],
    ['an optional computed access', "const k = JSON.parse('1');\n    return cb?.[k];", 'computed-key'],
    ['RegExp statics', 'return RegExp.lastMatch;', 'builtin-member'],
    ['a prototype write', 'Promise.prototype.then = () => 0;', 'prototype'],
    ['__proto__', 'return ({}).__proto__;', 'prototype'],
    ['__proto__ in a literal', 'return { __proto__: null };', 'prototype'],
    ['Object.getPrototypeOf', 'return Object.getPrototypeOf(cb);', 'prototype'],
    ['a built-in write', 'Math.max = () => 0;', 'builtin-write'],
    ['a built-in write by ++', '(Array as unknown as { n: number }).n++;', 'builtin-write'],
    ['delete of a built-in member', 'delete (Promise as { all?: unknown }).all;', 'builtin-write'],
    ['a write in a destructuring', '[Array.isArray] = [() => true];', 'builtin-write'],
    ['.constructor', 'return cb.constructor;', 'constructor'],
    ["['constructor']", "return cb['constructor'];", 'constructor'],
    ['constructor by destructuring', 'const { constructor: F } = cb;\n    return F;', 'constructor'],
    ['constructor by assignment', 'let F;\n    ({ constructor: F } = cb);\n    return F;', 'constructor'],
    ['.stack', 'return new Error().stack;', 'stack'],
    ['Error.captureStackTrace', 'Error.captureStackTrace({});', 'stack'],
    ['debugger', 'debugger;', 'debugger'],
    ['an undeclared name', 'return fetchAnswers(x);', 'unknown-global'],
  ])('%s', (_name, body, rule) => {
    expect(rulesOf(`    ${body}`)).toContain(rule);
  });

  test.each([
    ['a built-in the framework code after the region uses', '    const undefined = 1;', 'return undefined;'],
    [
      'a module name the framework code uses',
      '    function helper(): number {\n      return 0;\n    }',
      'helper',
    ],
  ])('shadowing: %s', (_name, body) => {
    const text = moduleText(body).replace(
      '    return undefined;\n  }',
      '    return helper(1) ?? undefined;\n  }',
    );
    expect(checkModule(input(text)).map((p) => p.rule)).toEqual(['shadowing']);
  });

  test('shadowing from the helpers region: a global the framework uses', () => {
    const text = moduleText('    return 1;', 'const Math = { max: () => 0 };').replace(
      'const TOP = 1;',
      'const TOP = Math.max(1, 2);',
    );
    const [p] = checkModule(input(text));
    expect(p).toMatchObject({ rule: 'shadowing', line: 6 });
    expect(p?.message).toContain('`Math` declared in region helpers');
  });

  test('with is refused (by the parser in a module, or by the rule)', () => {
    const rules = rulesOf('    with ({ a: 1 }) { x = 2; }');
    expect(rules.some((r) => r === 'with' || r === 'syntax')).toBe(true);
  });

  test('a finding names the file, the student line, the rule and why', () => {
    const [p] = checkModule(input(moduleText('    const a = 1;\n    return process.exit(a);')));
    expect(p).toMatchObject({ file: 'labs/raft/m.ts', line: BODY_LINE + 1, rule: 'host-access' });
    expect(p?.message).toMatch(/`process` reaches the process that runs the grader/);
  });

  test('lineOf maps lines back to the student file', () => {
    const text = moduleText('    return Date.now();');
    const [p] = checkModule({ ...input(text), lineOf: (l) => l + 100 });
    expect(p?.line).toBe(BODY_LINE + 100);
  });
});

describe('static check: honest code passes', () => {
  test.each([
    [
      'the file imports, its declarations and plain built-ins',
      'return crc32(Buffer.from([x])) + helper(TOP) + Math.max(x, Number("2"));',
    ],
    [
      'locals that shadow globals',
      'const Date = 3;\n    const f = (process: number) => process + Date;\n    return f(x);',
    ],
    ['callbacks and conversions', "return [1, 2].map(Number).filter(Boolean).join(String(','));"],
    [
      'number and literal keys',
      "const a = [1, 2, 3];\n    const o = { k: 1 };\n    let i = 0;\n    return a[i + 1]! + a[a.length - 1]! + o['k'];",
    ],
    [
      'Object, JSON, Symbol and console members',
      'console.log(JSON.stringify(Object.keys({ a: 1 })));\n    return Symbol.iterator;',
    ],
    [
      'classes, errors and instanceof',
      'class E extends Error {}\n    return new E() instanceof Error && cb instanceof Object;',
    ],
    [
      'loops, labels, destructuring, catch',
      'let n = 0;\n    out: for (const [k, { v }] of [[1, { v: 2 }]] as const) { n += k + v; break out; }\n    try { cb(n); } catch (e) { return String(e); }\n    return n;',
    ],
    [
      'writes to own objects',
      'const o: { a?: number } = { a: 1 };\n    o.a = 2;\n    delete o.a;\n    return o;',
    ],
    [
      'types that name anything',
      'const t: typeof process | undefined = undefined as unknown as Date | undefined;\n    return t satisfies unknown;',
    ],
    ['an empty region', ''],
  ])('%s', (_name, body) => {
    expect(checkModule(input(moduleText(`    ${body}`)))).toEqual([]);
  });

  test('helpers: functions, constants and imports of kit modules by relative path', () => {
    const helpers = [
      "import { y } from './y.js';",
      "import type { Z } from '../store/z.js';",
      'const LIMIT = 3;',
      'export function twice(n: number): number {',
      '  return 2 * n * LIMIT + y;',
      '}',
      'type W = Z;',
    ].join('\n');
    expect(checkModule(input(moduleText('    return twice(x);', helpers)))).toEqual([]);
  });
});

describe('static check: helpers region', () => {
  test.each([
    ["import { readFileSync } from 'node:fs';", 'import-outside-tree'],
    ["import { Raft } from '../../solutions/raft/raft.js';", 'import-outside-tree'],
    ["import { expect } from 'vitest';", 'import-outside-tree'],
    ["import fs = require('fs');", 'import-outside-tree'],
    ["export * from '../../x.js';", 'import-outside-tree'],
    ['declare const process: { exit(): void };', 'ambient'],
    ['namespace N { export const a = 1; }', 'ambient'],
    ['const leak = globalThis;', 'host-access'],
  ])('%s', (helpers, rule) => {
    expect(checkModule(input(moduleText('    return 1;', helpers))).map((p) => p.rule)).toContain(rule);
  });

  test('a helper import of a tree module that reaches the machine is refused; a type-only one is not', () => {
    const files = new Map([
      ['raft/m.ts', ''],
      [
        'raft/clock.ts',
        "import { performance } from 'node:perf_hooks';\nexport const now = () => performance.now();\n",
      ],
      ['raft/wrap.ts', "import { now } from './clock.js';\nexport const later = () => now() + 1;\n"],
      ['raft/pure.ts', "import { crc32 } from 'node:zlib';\nexport const sum = crc32;\n"],
    ]);
    const withPolicy = (helpers: string) =>
      checkModule({ ...input(moduleText('    return 1;', helpers)), imports: treeImportPolicy(files) }).map(
        (p) => p.rule,
      );
    expect(withPolicy("import { now } from './clock.js';")).toEqual(['import-outside-tree']);
    expect(withPolicy("import { later } from './wrap.js';")).toEqual(['import-outside-tree']);
    expect(withPolicy("import type { now } from './clock.js';")).toEqual([]);
    expect(withPolicy("import { sum } from './pure.js';")).toEqual([]);
    expect(withPolicy("import { gone } from './missing.js';")).toEqual(['import-outside-tree']);
  });
});

describe('static check: a region stays a region', () => {
  test.each([
    ['closing the function and opening another', '    return 1;\n  }\n  g(): unknown {'],
    ['closing the class', '    return 1;\n  }\n}\nexport function evil() {\n  {'],
    ['a comment swallowing END', '    return 1; /*'],
    ['a template swallowing END', '    return `'],
  ])('%s', (_name, body) => {
    const rules = rulesOf(body);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r === 'structure' || r === 'syntax')).toBe(true);
  });

  test('a balanced escape (close the method, reopen one) is a structure problem', () => {
    expect(rulesOf('    return 1;\n  }\n  g(): unknown {\n    return 2;')).toContain('structure');
  });
});

describe('the reference passes the static check', () => {
  test('every region of every file of solutions/, zero findings', () => {
    const solutions = join(REPO, 'solutions');
    const tree = new Map(
      listFiles(solutions)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => [f, readFileSync(join(solutions, f), 'utf8')]),
    );
    const policy = treeImportPolicy(tree);
    const checked: string[] = [];
    const findings = [...tree].flatMap(([file, text]) => {
      const regions = scanRegions(file, text, new Set(), true).regions.map((r) => ({
        part: r.part,
        begin: r.begin + 1,
        end: r.end + 1,
      }));
      if (regions.length === 0) return [];
      checked.push(...regions.map((r) => `${file} ${r.part}`));
      return checkModule({ file, text, regions, helpersId: HELPERS, imports: policy, label: 'solutions/' });
    });
    // The labs' files and parts are all there (so that this test cannot pass by checking nothing).
    expect(checked).toContain('raft/raft.ts lab1a');
    expect(checked).toContain('raft/raft.ts helpers');
    expect(checked.length).toBeGreaterThan(40);
    expect(findings).toEqual([]);
  });
});
