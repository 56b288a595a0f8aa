// What one trace event looks like in the viewer's lanes: its lab part (for the "lab part" filter) and
// a one-line label. Events come from student code and the simulator alike, so every field is read
// defensively: a missing or odd value shows as "?" or as its (shortened) raw text, never throws.
import type { EventPart } from './types.js';

type Fields = Readonly<Record<string, unknown>>;

const MAX_TEXT = 40;

/** A finite number field, else undefined. */
export function num(f: Fields, key: string): number | undefined {
  const v = f[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A string field, else undefined. */
export function str(f: Fields, key: string): string | undefined {
  const v = f[key];
  return typeof v === 'string' ? v : undefined;
}

/** Any value as short text: strings as they are (cut), others as JSON (cut); undefined as "?". */
export function short(v: unknown): string {
  if (v === undefined) return '?';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  let s: string;
  if (typeof v === 'string') s = v;
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
}

const SNAPSHOT_KINDS = new Set([
  'snapshot-call',
  'snapshot-requested',
  'snapshot-generated',
  'snapshot-failed',
  'snapshot-sent',
  'snapshot-install',
  'snapshot-installed',
  'restore',
]);
const TRANSPORT_KINDS = new Set([
  'snapshot-stream-start',
  'snapshot-stream-end',
  'snapshot-receive-start',
  'snapshot-receive-end',
  'snapshot-files-removed',
]);
const CORE_KINDS = new Set([
  'role',
  'persist',
  'commit',
  'propose',
  'apply',
  'state',
  'progress',
  'refuse',
  'campaign',
  'inject',
  'corrupt',
]);
const MESSAGE_KINDS = new Set(['send', 'deliver', 'drop', 'duplicate']);

/** The part of a message of this type (a packet's type, from its send). */
function messagePart(type: string | undefined): EventPart {
  if (type === 'MsgSnapshot') return 'snapshot';
  if (type === 'SnapshotChunk' || type === 'SnapshotAck') return 'transport';
  return 'core';
}

/**
 * The lab part of an event. `type` is the packet's message type for send/deliver/drop/duplicate (a drop
 * line has none of its own: the caller looks it up from the send).
 */
export function partOf(kind: string, node: number | string, f: Fields, type: string | undefined): EventPart {
  if (typeof node === 'string' && node !== 'sim') return 'client';
  if (MESSAGE_KINDS.has(kind)) return messagePart(type);
  if (kind === 'compact-log' || kind === 'log-gc') return 'log-gc';
  if (kind === 'spawn' || kind === 'task') {
    const task = str(f, 'task');
    if (task === 'raftlog-gc') return 'log-gc';
    if (task === 'snapshot-gen') return 'snapshot';
    return 'sim';
  }
  if (kind === 'apply' && f['cmd'] === 'admin') return 'log-gc';
  if (SNAPSHOT_KINDS.has(kind)) return 'snapshot';
  if (
    TRANSPORT_KINDS.has(kind) ||
    kind.startsWith('snapshot-stream') ||
    kind.startsWith('snapshot-receive')
  ) {
    return 'transport';
  }
  if (kind.startsWith('snapshot')) return 'snapshot';
  if (CORE_KINDS.has(kind)) return 'core';
  return 'sim';
}

type Labeller = (f: Fields, type: string | undefined) => string;

const opt = (f: Fields, key: string, prefix: string): string => {
  const v = f[key];
  return v === undefined ? '' : ` ${prefix}${short(v)}`;
};

const LABELS: Readonly<Record<string, Labeller>> = {
  role: (f) => `${short(f['state'])} t${short(f['term'])}${opt(f, 'lead', 'lead ')}`,
  send: (f, type) =>
    `${short(type)} → ${short(f['to'])}${opt(f, 'index', 'i')}${opt(f, 'n', 'n')}${f['reject'] === true ? ' reject' : ''}`,
  deliver: (f, type) => `${short(type)} ← ${short(f['from'])}`,
  drop: (f, type) => {
    const dir = f['to'] !== undefined ? `→ ${short(f['to'])}` : `← ${short(f['from'])}`;
    return `✕ ${short(type)} ${dir}${opt(f, 'why', '')}`;
  },
  duplicate: (f, type) => `duplicate ${short(type)} → ${short(f['to'])} ×${short(f['copies'])}`,
  persist: (f) =>
    `persist${f['last'] !== undefined ? ` ≤${short(f['last'])}` : ''}${opt(f, 'n', '+')}${opt(f, 'term', 't')}${opt(f, 'vote', 'vote ')}${opt(f, 'snapshot', 'snap @')}`,
  commit: (f) => `commit ${short(f['index'])}`,
  propose: (f) => (f['dropped'] !== undefined ? 'propose dropped' : `propose ${short(f['index'])}`),
  apply: (f) => `apply ${short(f['index'])}${opt(f, 'cmd', '')}`,
  state: (f) =>
    `commit ${short(f['commit'])} applied ${short(f['applied'])} log [${short(f['first'])}..${short(f['last'])}]`,
  progress: (f) =>
    `progress ${short(f['peer'])}: ${short(f['state'])} m${short(f['match'])} n${short(f['next'])}${opt(f, 'pending', 'snap @')}`,
  'snapshot-call': (f) => `snapshot() ${short(f['result'])}${opt(f, 'index', '@')}`,
  'compact-log': (f) => `CompactLog @${short(f['index'])} (truncated ${short(f['truncated'])})`,
  'log-gc': (f) => `log GC < ${short(f['endIndex'])} (${short(f['deleted'])} keys)`,
  spawn: (f) => `spawn ${short(f['task'])}`,
  task: (f) => `task ${short(f['task'])}`,
  'snapshot-requested': () => 'snapshot requested',
  'snapshot-generated': (f) => `snapshot generated @${short(f['index'])}`,
  'snapshot-failed': (f) => `snapshot failed: ${short(f['reason'])}`,
  'snapshot-sent': (f) => `snapshot @${short(f['index'])} sent → ${short(f['to'])}`,
  'snapshot-install': (f) => `installing snapshot @${short(f['index'])}`,
  'snapshot-installed': (f) => `snapshot @${short(f['index'])} installed`,
  'snapshot-stream-start': (f) => `stream ${short(f['stream'])} → ${short(f['to'])} @${short(f['index'])}`,
  'snapshot-stream-end': (f) =>
    `stream ${short(f['stream'])} → ${short(f['to'])} ${f['ok'] === true ? 'ok' : `failed${opt(f, 'reason', '')}`}`,
  'snapshot-receive-start': (f) =>
    `receiving ${short(f['stream'])} ← ${short(f['from'])} @${short(f['index'])}`,
  'snapshot-receive-end': (f) =>
    `received ${short(f['stream'])} ← ${short(f['from'])} ${f['ok'] === true ? 'ok' : `failed${opt(f, 'reason', '')}`}`,
  restore: (f) => `restore snapshot @${short(f['index'])}`,
  crash: (f) => `crash${opt(f, 'when', '')}`,
  restart: (f) => `restart${opt(f, 'incarnation', '#')}`,
  start: (f) => `start${opt(f, 'incarnation', '#')}`,
  up: () => 'up',
  hold: (f) => `hold ${short(f['ms'])} ms`,
  invoke: (f) =>
    `${short(f['op'])}(${short(f['key'])}${f['value'] !== undefined ? `, ${short(f['value'])}` : ''})`,
  attempt: (f) => `attempt → ${short(f['to'])}`,
  reply: (f) => `reply ${short(f['outcome'])} ← ${short(f['from'])}`,
  return: (f) => (f['value'] !== undefined ? `return ${short(f['value'])}` : 'return ok'),
  abandon: (f) => `abandon${opt(f, 'why', '')}`,
  fail: (f) => `fail${opt(f, 'why', '')}`,
  filter: (f) => `${short(f['action'])} ${short(f['filter'])}`,
  phase: (f) => `phase ${short(f['phase'] ?? f['what'] ?? f['name'])}`,
  failure: (f) => `FAILURE: ${short(f['error'])}`,
};

/** A generic label: the kind and its first few scalar fields. */
function genericLabel(kind: string, f: Fields): string {
  let out = short(kind);
  let n = 0;
  for (const k in f) {
    if (n >= 3) break;
    const v = f[k];
    if (typeof v === 'object' && v !== null) continue;
    out += ` ${short(k)}=${short(v)}`;
    n++;
  }
  return out;
}

/** The lane label of an event (`type`: the packet's message type, for message events). */
export function labelOf(kind: string, f: Fields, type: string | undefined): string {
  const l = Object.hasOwn(LABELS, kind) ? LABELS[kind] : undefined;
  return l === undefined ? genericLabel(kind, f) : l(f, type);
}
