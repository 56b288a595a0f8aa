// Executing the KV requests of a committed command: writes become puts/deletes in the apply batch (so
// they land atomically with the applied index), reads read the kv engine. Requests run in order, and a
// read sees the state before this command's own writes (earlier commands are already written).
import { storepb } from '../proto/pb.js';
import type { Engine, WriteBatch } from './engine.js';
import { dataKey, dataKeyRange, userKeyOf } from './keys.js';

const EMPTY = new Uint8Array(0);

async function execRequest(
  kv: Engine,
  wb: WriteBatch,
  req: storepb.Request.$Properties,
): Promise<storepb.Response> {
  const cmdType = req.cmdType ?? storepb.CmdType.Invalid;
  const key = req.key ?? EMPTY;
  switch (cmdType) {
    case storepb.CmdType.Put:
      wb.put(dataKey(key), req.value ?? EMPTY);
      return storepb.Response.create({ cmdType });
    case storepb.CmdType.Delete:
      wb.delete(dataKey(key));
      return storepb.Response.create({ cmdType });
    case storepb.CmdType.Get: {
      const value = await kv.get(dataKey(key));
      return storepb.Response.create({ cmdType, found: value !== undefined, value: value ?? EMPTY });
    }
    case storepb.CmdType.Scan: {
      const limit = req.limit ?? 0;
      const pairs = await kv.scan(dataKeyRange(key, req.endKey ?? EMPTY), limit > 0 ? limit : undefined);
      return storepb.Response.create({
        cmdType,
        kvs: pairs.map((p) => ({ key: userKeyOf(p.key), value: p.value })),
      });
    }
    default:
      // Refused at proposal time (see Store.check), so a committed command never carries one.
      return storepb.Response.create({ cmdType });
  }
}

/** Runs a command's requests in order; their writes go into wb. Returns one response per request. */
export async function execRequests(
  kv: Engine,
  wb: WriteBatch,
  requests: readonly storepb.Request.$Properties[],
): Promise<storepb.Response[]> {
  const out: storepb.Response[] = [];
  for (const req of requests) out.push(await execRequest(kv, wb, req));
  return out;
}
