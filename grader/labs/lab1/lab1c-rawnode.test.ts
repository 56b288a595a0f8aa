// Lab 1c — the RawNode handle: it refuses local messages from the network (StepLocalMsgError) and
// responses from nodes that are not peers (StepPeerNotFoundError), drops proposals on non-leaders
// (ProposalDroppedError), and has no Ready while there is nothing to do.
import { ProposalDroppedError, StepLocalMsgError, StepPeerNotFoundError } from '@target/raft/errors.js';
import { type Message, MessageType, newMessage } from '@target/raft/raftpb.js';
import {
  appendResp,
  beat,
  bytes,
  heartbeatResp,
  hup,
  newRawNode,
  typeName,
  voteResp,
} from '../../harness/raftfix.js';
import { caught, check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1c', tags: ['unit'] };

rule(
  'lab1c.rawnode.step-refuses-local',
  'RawNode.step refuses MsgHup and MsgBeat',
  { ...UNIT, points: 1 },
  () => {
    const n = newRawNode(1, { peers: [1, 2, 3] });
    for (const m of [hup(1), beat(1)]) {
      const e = caught(() => n.step(m));
      check(
        e instanceof StepLocalMsgError,
        `step(${typeName(m.msgType)}) must throw StepLocalMsgError: local messages come from tick()/campaign() only`,
        {
          actual: e === undefined ? 'no error' : String(e),
        },
      );
    }
  },
);

rule(
  'lab1c.rawnode.step-refuses-unknown-peer',
  'RawNode.step refuses responses from nodes that are not peers',
  { ...UNIT, points: 1 },
  () => {
    const n = newRawNode(1, { peers: [1, 2, 3] });
    n.campaign();
    const responses: Message[] = [voteResp(9, 1, 1, false), appendResp(9, 1, 1, 1), heartbeatResp(9, 1, 1)];
    for (const m of responses) {
      const e = caught(() => n.step(m));
      check(
        e instanceof StepPeerNotFoundError,
        `a ${typeName(m.msgType)} from node 9 (not a peer) must throw StepPeerNotFoundError`,
        {
          actual: e === undefined ? 'no error' : String(e),
        },
      );
    }
    const fromPeer = caught(() =>
      n.step(newMessage({ msgType: MessageType.MsgRequestVoteResponse, from: 2, to: 1, term: 1 })),
    );
    check(fromPeer === undefined, 'a response from a peer (node 2) is accepted', {
      actual: String(fromPeer),
    });
  },
);

rule(
  'lab1c.rawnode.propose-on-follower',
  'RawNode.propose on a follower throws ProposalDroppedError',
  { ...UNIT, points: 1 },
  () => {
    const n = newRawNode(1, { peers: [1, 2, 3] });
    const e = caught(() => n.propose(bytes('x')));
    check(e instanceof ProposalDroppedError, 'only a leader accepts proposals', {
      actual: e === undefined ? 'no error' : String(e),
    });
    check(n.raft.raftLog.lastIndex() === 0, 'a dropped proposal is not appended', {
      actual: `last=${n.raft.raftLog.lastIndex()}`,
    });
  },
);

rule(
  'lab1c.rawnode.no-ready-when-idle',
  'a node with nothing to do has no Ready',
  { ...UNIT, points: 1 },
  () => {
    const n = newRawNode(1, { peers: [1, 2, 3] });
    check(!n.hasReady(), 'a fresh follower over empty storage: hasReady() is false', {});
    n.tick();
    check(!n.hasReady(), 'a tick that does not time out changes nothing: hasReady() is false', {});
  },
);
