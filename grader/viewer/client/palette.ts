// Colours of message types (arrows and legend) and the mark style of each event kind on a lane.
import type { ViewEvent } from '../model/types.js';

const KNOWN: Readonly<Record<string, string>> = {
  MsgAppend: '#2f6fdb',
  MsgAppendResponse: '#7aa7f0',
  MsgRequestVote: '#8e44ad',
  MsgRequestVoteResponse: '#c39bd3',
  MsgHeartbeat: '#9aa3ad',
  MsgHeartbeatResponse: '#c5cbd2',
  MsgSnapshot: '#e8590c',
  SnapshotChunk: '#d6336c',
  MsgTimeoutNow: '#0b7285',
  MsgTransferLeader: '#0b7285',
};

const OTHERS = ['#2b8a3e', '#5f3dc4', '#a61e4d', '#1864ab', '#862e9c', '#5c940d', '#364fc7', '#087f5b'];

/** The colour of a message type: fixed for the usual raft messages, else a stable pick. */
export function typeColor(type: string): string {
  if (Object.hasOwn(KNOWN, type)) return KNOWN[type] ?? '#555';
  let hash = 0;
  for (let i = 0; i < type.length; i++) hash = (hash * 31 + type.charCodeAt(i)) >>> 0;
  return OTHERS[hash % OTHERS.length] ?? '#555';
}

/** CSS class of an event's mark: its family (role, leader, message, snapshot, gc, life, …). */
export function markClass(e: ViewEvent): string {
  const k = e.kind;
  if (k === 'role') return e.fields.state === 'Leader' ? 'k-leader' : 'k-role';
  if (k === 'crash' || k === 'failure' || k === 'zombie-send' || k === 'zombie-error') return 'k-bad';
  if (k === 'start' || k === 'restart' || k === 'up') return 'k-life';
  if (k === 'send' || k === 'deliver') return e.part === 'core' ? 'k-msg' : 'k-snapmsg';
  if (k === 'drop' || k === 'duplicate' || k === 'refuse') return 'k-drop';
  if (k === 'commit' || k === 'apply' || k === 'propose') return 'k-commit';
  if (k === 'persist' || k === 'state') return 'k-persist';
  if (k === 'log-gc' || k === 'compact-log') return 'k-gc';
  if (e.part === 'snapshot' || e.part === 'transport' || k.startsWith('snapshot')) return 'k-snap';
  if (k === 'progress') return 'k-progress';
  return 'k-other';
}
