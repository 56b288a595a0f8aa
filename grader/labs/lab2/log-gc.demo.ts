// `raftlab demo log-gc`: twice, a CompactLog from the leader's GC tick to every store's log-GC task
// deleting the compacted raft-log keys (lab2/demo-log-gc.ts).
import { demoRule } from '../../harness/rule.js';
import { logGcDemo } from './demo-log-gc.js';

demoRule(
  'demo.log-gc',
  'twice: a CompactLog proposed, committed, applied on every store, its log entries deleted',
  { part: 'lab2c', chain: 'compact-log' },
  logGcDemo,
);
