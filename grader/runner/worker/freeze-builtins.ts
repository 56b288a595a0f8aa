// Worker side, the last vitest setup file: freezes the built-ins before any code of the target loads,
// so that a submission cannot change how the tests themselves behave (one line replacing
// Promise.prototype.then would turn every rejection into a success). Frozen: the prototypes and
// constructors of the intrinsics the tests rely on, and the global bindings that name them.
// Assigning `constructor`, `toString`, `name`… on an object that inherits them from a frozen
// prototype still works (as SES does, those become accessors that define an own property), so
// ordinary ES5-style libraries loaded later keep working. Error stays open for V8's stack-trace
// hooks (stackTraceLimit, prepareStackTrace), but its methods and prototype are frozen. The timer
// globals stay writable (vitest swaps them around its own calls); region code cannot name them
// (grader/seal's static check), and the determinism guard has wrapped them already.

/** Properties commonly assigned on derived objects: a plain freeze would make those writes fail. */
const OVERRIDABLE = ['constructor', 'toString', 'toLocaleString', 'valueOf', 'name', 'message', 'toJSON'];

const GLOBAL_NAMES = [
  'Object',
  'Function',
  'Array',
  'Promise',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'RegExp',
  'Date',
  'JSON',
  'Math',
  'Reflect',
  'Proxy',
  'ArrayBuffer',
  'DataView',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Uint8ClampedArray',
  'queueMicrotask',
  'structuredClone',
] as const;

/** Constructors left open: V8 and vitest write Error.stackTraceLimit / Error.prepareStackTrace. */
const OPEN_CONSTRUCTORS = new Set<unknown>([Error]);

function tolerateOverride(proto: object, key: string): void {
  const desc = Object.getOwnPropertyDescriptor(proto, key);
  if (desc === undefined || !('value' in desc) || !desc.configurable) return;
  const value: unknown = desc.value;
  Object.defineProperty(proto, key, {
    get() {
      return value;
    },
    set(this: object, v: unknown) {
      if (this === proto) throw new TypeError(`Cannot assign to read only property '${key}' of a built-in`);
      Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: desc.enumerable ?? false,
    configurable: false,
  });
}

function hardenPrototype(proto: object): void {
  if (Object.isFrozen(proto)) return;
  for (const key of OVERRIDABLE) tolerateOverride(proto, key);
  Object.freeze(proto);
}

function intrinsicPrototypes(): object[] {
  const protos: object[] = [];
  const of = (x: unknown): object | null => (x === null || x === undefined ? null : Object.getPrototypeOf(x));
  const add = (p: object | null) => {
    if (p !== null) protos.push(p);
  };
  add(of(Uint8Array.prototype)); // %TypedArray%.prototype
  add(of(of([][Symbol.iterator]()))); // %IteratorPrototype%
  add(of([][Symbol.iterator]()));
  add(of(new Map()[Symbol.iterator]()));
  add(of(new Set()[Symbol.iterator]()));
  add(of(''[Symbol.iterator]()));
  add(of(async () => {}));
  add(of(function* () {}));
  add(of(async function* () {}));
  return protos;
}

function freezeAll(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of GLOBAL_NAMES) {
    const value = g[name];
    if (value === undefined) continue;
    const proto = (value as { prototype?: unknown }).prototype;
    if (typeof proto === 'object' && proto !== null) hardenPrototype(proto);
    if (!OPEN_CONSTRUCTORS.has(value) && (typeof value === 'object' || typeof value === 'function'))
      Object.freeze(value);
    Object.defineProperty(globalThis, name, { value, writable: false, configurable: false });
  }
  for (const p of intrinsicPrototypes()) hardenPrototype(p);
  for (const key of ['captureStackTrace'] as const)
    Object.defineProperty(Error, key, { writable: false, configurable: false });
  Object.defineProperty(performance, 'now', { writable: false, configurable: false });
}

freezeAll();
