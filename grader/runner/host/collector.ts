// The vitest reporter of a grading run. It does not collect results (they are read afterwards from
// the run's test modules and the sidecar, which also cover workers that died); it signals each
// finished test file (for progress lines) and, for replay, forwards the tests' console output.
import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

export interface ConsoleSink {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export class GradeReporter implements Reporter {
  constructor(
    private readonly onModuleEnd?: (module: TestModule) => void,
    private readonly consoleSink?: ConsoleSink,
  ) {}

  onTestModuleEnd(module: TestModule): void {
    this.onModuleEnd?.(module);
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    if (!this.consoleSink) return;
    (log.type === 'stderr' ? this.consoleSink.stderr : this.consoleSink.stdout).write(log.content);
  }
}
