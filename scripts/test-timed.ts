// npm run test:timed: what `npm test` runs, step by step, with the time of each. vitest prints one
// duration for a whole run and none per project, so the PostgreSQL lane runs on its own after the other
// three: the time of `npm test` without it and the lane's own time can then be read apart. The checks
// are the same as `npm test`'s (build, type-check, the four lanes); only the order of the files differs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Step {
  name: string;
  command: string[];
}

const VITEST = ['npx', 'vitest', 'run'];
const STEPS: Step[] = [
  { name: 'build', command: ['npm', 'run', 'build'] },
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'] },
  { name: 'vitest fast, browser, safety', command: [...VITEST, '--project', 'fast', '--project', 'browser', '--project', 'safety'] },
  { name: 'vitest postgres', command: [...VITEST, '--project', 'postgres'] },
];
const POSTGRES_STEP = 'vitest postgres';

/** Runs `command` with this terminal's output and resolves with its exit code. */
function run(command: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const times: Array<{ name: string; ms: number; code: number }> = [];
for (const step of STEPS) {
  const started = performance.now();
  const code = await run(step.command);
  times.push({ name: step.name, ms: performance.now() - started, code });
  // Like `npm test`'s `&&`: a failed step ends the run.
  if (code !== 0) break;
}

const withoutPostgres = times.filter((time) => time.name !== POSTGRES_STEP).reduce((sum, time) => sum + time.ms, 0);
const postgres = times.find((time) => time.name === POSTGRES_STEP);
console.log('\nstep times');
for (const time of times) console.log(`  ${time.name.padEnd(30)} ${seconds(time.ms).padStart(8)}${time.code === 0 ? '' : `  (exit ${time.code})`}`);
console.log(`  ${'npm test without postgres'.padEnd(30)} ${seconds(withoutPostgres).padStart(8)}`);
if (postgres) console.log(`  ${'postgres lane'.padEnd(30)} ${seconds(postgres.ms).padStart(8)}`);
console.log(`  ${'all'.padEnd(30)} ${seconds(withoutPostgres + (postgres?.ms ?? 0)).padStart(8)}`);
process.exitCode = times.find((time) => time.code !== 0)?.code ?? 0;
