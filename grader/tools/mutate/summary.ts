// A part's mutation result in the kit's terms: one record per mutant (where, what was replaced by
// what, Stryker's status) and the counts docs/mutation.md reports, with the score over the mutants
// not judged equivalent (grader/tools/mutate/equivalent.ts).
import { readFileSync } from 'node:fs';

/** The parts of Stryker's JSON report (mutation-testing-report-schema) read here. */
interface ReportPosition {
  /** 1-based. */
  line: number;
  /** 1-based; an end position is exclusive. */
  column: number;
}

interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: ReportPosition; end: ReportPosition };
  coveredBy?: string[];
}

interface MutationReport {
  /** Repo-relative file → the source Stryker mutated (as it was when the run started) and its mutants. */
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
}

export interface MutantRecord {
  /** Repo-relative file and 1-based line:column of the mutated code. */
  file: string;
  line: number;
  column: number;
  mutator: string;
  /** The source text the mutant replaces, and what it puts there. */
  original: string;
  replacement: string;
  /** Stryker's status: Killed, Survived, Timeout, NoCoverage, RuntimeError, CompileError, Ignored. */
  status: string;
  /** For a survivor: how many tests ran it. */
  coveredBy: number;
}

export interface PartSummary {
  part: string;
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  errors: number;
  equivalent: number;
  /** (killed + timeout) / (mutants − errors − equivalent), in %. */
  score: number;
  wallMs: number;
  /** Survivors and uncovered mutants not judged equivalent: the blind spots. */
  undetected: MutantRecord[];
}

function sourceText(lines: readonly string[], { start, end }: ReportMutant['location']): string {
  const picked = lines.slice(start.line - 1, end.line);
  if (picked.length === 0) return '';
  picked[picked.length - 1] = (picked[picked.length - 1] ?? '').slice(0, end.column - 1);
  picked[0] = (picked[0] ?? '').slice(start.column - 1);
  return picked.join('\n');
}

/** The mutants of a JSON report written by Stryker's json reporter, as records. */
export function readReport(path: string): MutantRecord[] {
  const report = JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
  return Object.entries(report.files).flatMap(([file, { source, mutants }]) => {
    const lines = source.split('\n');
    return mutants.map((m) => ({
      file,
      line: m.location.start.line,
      column: m.location.start.column,
      mutator: m.mutatorName,
      original: sourceText(lines, m.location),
      replacement: m.replacement ?? '',
      status: m.status,
      coveredBy: m.coveredBy?.length ?? 0,
    }));
  });
}

export function summarize(
  part: string,
  records: readonly MutantRecord[],
  equivalent: (part: string, m: MutantRecord) => boolean,
  wallMs: number,
): PartSummary {
  const count = (s: string): number => records.filter((m) => m.status === s).length;
  const undetectedAll = records.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
  const undetected = undetectedAll.filter((m) => !equivalent(part, m));
  const errors = count('RuntimeError') + count('CompileError');
  const equivalentCount = undetectedAll.length - undetected.length;
  const detected = count('Killed') + count('Timeout');
  const judged = records.length - count('Ignored') - errors - equivalentCount;
  return {
    part,
    mutants: records.length,
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    errors,
    equivalent: equivalentCount,
    score: judged === 0 ? 100 : Math.round((1000 * detected) / judged) / 10,
    wallMs: Math.round(wallMs),
    undetected,
  };
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').slice(0, 90);

export function formatSummary(s: PartSummary): string {
  const lines = [
    `${s.part}: ${s.mutants} mutants, ${s.killed} killed, ${s.timeout} timeout, ${s.survived} survived, ` +
      `${s.noCoverage} no coverage, ${s.errors} errors, ${s.equivalent} judged equivalent`,
    `${s.part}: score ${s.score}% of non-equivalent mutants detected (goal 95%), ${(s.wallMs / 1000).toFixed(0)} s`,
  ];
  for (const m of s.undetected) {
    lines.push(
      `  ${m.status === 'NoCoverage' ? 'uncovered' : 'survived'} ${m.file}:${m.line}:${m.column} ` +
        `[${m.mutator}] ${oneLine(m.original)} -> ${oneLine(m.replacement)}`,
    );
  }
  return lines.join('\n');
}
