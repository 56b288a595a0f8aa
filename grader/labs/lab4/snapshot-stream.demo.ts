// `raftlab demo snapshot-stream`: the snapshot demo with lab 4's chunked transport — the snapshot
// travels as a stream of chunks between the stores' snapshot files (lab4/demo-stream.ts).
import { demoRule } from '../../harness/rule.js';
import { streamDemo } from './demo-stream.js';

demoRule(
  'demo.snapshot-stream',
  'a follower cut off, left behind the first index, healed: caught up by a snapshot streamed in chunks',
  { part: 'lab4b', chain: 'snapshot' },
  streamDemo,
);
