// Class 3 of issue 10, patching built-ins: a region replaces Promise.prototype.then so that a rejection
// calls the success handler, which turns every failing test into a pass (directly, through Reflect, or
// through a computed name on a prototype reached without naming Promise).
import { before, type HostileCase } from './case.js';

/** The patch itself, given how the region reaches the prototype. */
function thenPatch(reach: string): string {
  return String.raw`const proto = ${reach};
const then = proto.then;
const patched = function (ok, bad) {
  return then.call(this, ok, ok ?? bad);
};`;
}

export const builtinCases: HostileCase[] = [
  {
    id: '3.promise-then',
    title: 'a region assigns Promise.prototype.then: every rejection calls the success handler',
    base: 'partial',
    edits: [before(`${thenPatch('Promise.prototype')}\nPromise.prototype.then = patched;`)],
    expect: { score: 'zero' },
    quick: true,
  },
  {
    id: '3.reflect-then',
    title: 'the same patch through Reflect.defineProperty',
    base: 'partial',
    edits: [
      before(
        `${thenPatch('Promise.prototype')}\nReflect.defineProperty(proto, 'then', { value: patched, writable: true, configurable: true });`,
      ),
    ],
    expect: { score: 'zero' },
  },
  {
    id: '3.computed-then',
    title:
      "the same patch on Object.getPrototypeOf(a promise)['th' + 'en'], never naming Promise or prototype",
    base: 'partial',
    edits: [
      before(`${thenPatch('Object.getPrototypeOf((async () => 0)())')}\nproto['th' + 'en'] = patched;`),
    ],
    expect: { score: 'zero' },
  },
];
