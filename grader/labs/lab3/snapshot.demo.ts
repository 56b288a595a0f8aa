// `raftlab demo snapshot`: a follower cut off, left behind the leader's first index, healed and caught
// up by a snapshot — the whole lab-3 chain, to watch in the trace viewer (lab3/demo-snapshot.ts).
import { demoRule } from '../../harness/rule.js';
import { snapshotDemo } from './demo-snapshot.js';

demoRule(
  'demo.snapshot',
  'a follower cut off, left behind the first index, healed: caught up by a snapshot',
  { part: 'lab3c', chain: 'snapshot' },
  snapshotDemo,
);
