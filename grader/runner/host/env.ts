// Runs a piece of the grader with RAFTLAB_* environment variables set (vitest.config.ts and the
// forked workers read them) and restores the previous values afterwards. Runs are serialized:
// process.env is global, so two gradings in one process must not overlap.
let queue: Promise<unknown> = Promise.resolve();

export type EnvVars = Record<string, string | undefined>;

export function withEnv<T>(vars: EnvVars, fn: () => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const saved: EnvVars = {};
    for (const [k, v] of Object.entries(vars)) {
      saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    try {
      return await fn();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
