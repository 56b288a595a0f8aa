// The command protocol between clients and a store: building KV commands (and the store's own admin
// command, CompactLog), the responses and error responses a proposal can get, and how a client reads
// an outcome (ok, failed, or unknown: the command may still be applied).
import { storepb } from '../proto/pb.js';
import type { CommandKind } from './api.js';
import { REGION_ID } from './bootstrap.js';

const EMPTY = new Uint8Array(0);

export function putRequest(key: Uint8Array, value: Uint8Array): storepb.Request {
  return storepb.Request.create({ cmdType: storepb.CmdType.Put, key, value });
}

export function getRequest(key: Uint8Array): storepb.Request {
  return storepb.Request.create({ cmdType: storepb.CmdType.Get, key });
}

export function deleteRequest(key: Uint8Array): storepb.Request {
  return storepb.Request.create({ cmdType: storepb.CmdType.Delete, key });
}

/** Keys in [start, end) (empty end: to the end of the key space), at most limit (0: no limit). */
export function scanRequest(start: Uint8Array, end: Uint8Array = EMPTY, limit = 0): storepb.Request {
  return storepb.Request.create({ cmdType: storepb.CmdType.Scan, key: start, endKey: end, limit });
}

/** A KV command for the kit's region; requestId is echoed in the response header. */
export function kvCommand(requestId: number, requests: storepb.Request[]): storepb.RaftCmdRequest {
  return storepb.RaftCmdRequest.create({ header: { regionId: REGION_ID, requestId }, requests });
}

/**
 * The admin command that truncates the log up to (compactIndex, compactTerm): proposed by the leader's
 * log-GC tick (lab 2), never by a client. peerId and term say who proposed it (for traces).
 */
export function compactLogCommand(
  peerId: number,
  term: number,
  compactIndex: number,
  compactTerm: number,
): storepb.RaftCmdRequest {
  return storepb.RaftCmdRequest.create({
    header: { regionId: REGION_ID, peerId, term },
    adminRequest: { cmdType: storepb.AdminCmdType.CompactLog, compactLog: { compactIndex, compactTerm } },
  });
}

export function commandKind(cmd: storepb.RaftCmdRequest): CommandKind {
  if (cmd.adminRequest) return 'admin';
  const kinds = new Set(cmd.requests.map((r) => r.cmdType));
  if (kinds.size !== 1) return kinds.size === 0 ? 'noop' : 'mixed';
  switch ([...kinds][0]) {
    case storepb.CmdType.Get:
      return 'get';
    case storepb.CmdType.Put:
      return 'put';
    case storepb.CmdType.Delete:
      return 'delete';
    case storepb.CmdType.Scan:
      return 'scan';
    default:
      return 'mixed';
  }
}

export function okResponse(
  requestId: number,
  term: number,
  responses: storepb.Response[],
): storepb.RaftCmdResponse {
  return storepb.RaftCmdResponse.create({ header: { requestId, currentTerm: term }, responses });
}

/** The answer to an applied admin command. */
export function adminResponse(
  requestId: number,
  term: number,
  cmdType: storepb.AdminCmdType,
): storepb.RaftCmdResponse {
  return storepb.RaftCmdResponse.create({
    header: { requestId, currentTerm: term },
    adminResponse: { cmdType },
  });
}

export function errorResponse(
  requestId: number,
  term: number,
  error: storepb.Error,
): storepb.RaftCmdResponse {
  return storepb.RaftCmdResponse.create({ header: { requestId, currentTerm: term, error } });
}

/** Not the leader (leaderStoreId 0: unknown). Indeterminate when the command had been proposed. */
export function notLeaderError(
  regionId: number,
  leaderStoreId: number,
  indeterminate: boolean,
): storepb.Error {
  const message = indeterminate
    ? `no longer the leader of region ${regionId}; the command may still be applied`
    : `not the leader of region ${regionId}`;
  return storepb.Error.create({ message, notLeader: { regionId, leaderStoreId }, indeterminate });
}

/** The command's log slot holds another term's entry: it will never be applied. */
export function staleCommandError(): storepb.Error {
  return storepb.Error.create({
    message: 'stale command: its log entry was overwritten',
    staleCommand: true,
  });
}

export function timeoutError(): storepb.Error {
  return storepb.Error.create({
    message: 'proposal timed out; the command may still be applied',
    timeout: true,
    indeterminate: true,
  });
}

/** Indeterminate when the command had been proposed before the store stopped. */
export function storeStoppedError(storeId: number, indeterminate: boolean): storepb.Error {
  return storepb.Error.create({ message: `store ${storeId} stopped`, storeStopped: true, indeterminate });
}

export function regionNotFoundError(regionId: number): storepb.Error {
  return storepb.Error.create({ message: `region ${regionId} not found`, regionNotFound: true });
}

export function invalidRequestError(message: string): storepb.Error {
  return storepb.Error.create({ message: `invalid request: ${message}`, invalidRequest: true });
}

/**
 * How a client must read a response: 'ok', 'failed' (the command was not and will never be applied) or
 * 'unknown' (it may have been or may still be applied: record the operation as possibly applied).
 */
export function outcomeOf(resp: storepb.RaftCmdResponse): 'ok' | 'failed' | 'unknown' {
  const err = resp.header?.error;
  if (!err) return 'ok';
  return err.indeterminate ? 'unknown' : 'failed';
}
