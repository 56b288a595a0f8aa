// Peer.propose takes the proposal's log index from what is persisted (storage.lastIndex() + 1), not from
// the log after proposing. Right only while one input is stepped per Ready: two proposals taken from the
// mailbox before one Ready get the same index, and one client is answered with the other's response.
// Only the batched delivery of the system scenarios (grader/sim/batching.ts) steps two at once.
import { mistake } from '../mistake.js';

export default mistake({
  row: "Taking a proposal's index from what is persisted (`storage.lastIndex() + 1`), not from the log after `propose`",
  caughtBy: {
    'lab1d.system.concurrent-clients': /with the response of a \w+ command/,
  },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab1d',
      find: '    this.rawNode.propose(storepb.RaftCmdRequest.encode(pc.cmd).finish());\n    this.proposals.push(new Proposal(this.raft.raftLog.lastIndex(), this.raft.term, pc));\n',
      replace:
        '    const index = this.storage.lastIndex() + 1;\n    this.rawNode.propose(storepb.RaftCmdRequest.encode(pc.cmd).finish());\n    this.proposals.push(new Proposal(index, this.raft.term, pc));\n',
    },
  ],
});
