// Starts the hub (`hub/src/main.ts`) as a child process and waits for its ready line, for tests and benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface LaunchHubOptions {
  /** Arguments for hub/src/main.ts, e.g. ['--port', '0', '--services', 'inventory']. */
  args: string[];
  /** Added to the parent's environment over LOG_LEVEL=warn; an undefined value leaves the variable unset. */
  env?: Record<string, string | undefined>;
  /** Arguments for node itself, before `--import tsx`. */
  nodeArgs?: string[];
  /** Matched against stdout and stderr together; the launch resolves at the first match. */
  ready: RegExp;
  /** How long to wait for `ready` before killing the child (SIGKILL) and rejecting; Infinity waits forever. Default 90 s. */
  timeoutMs?: number;
  /** Names the process in errors, e.g. 'inventory'. Default 'hub'. */
  what?: string;
}

export interface LaunchedHub {
  child: ChildProcess;
  /** The match of `ready`. */
  match: RegExpExecArray;
  /** Everything the child has printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code (null after a signal) once the child exits. */
  exited: Promise<number | null>;
  /** Sends the signal (default SIGTERM) unless the child has exited, and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Resolves once the child prints `ready`; rejects with its output if it exits first or does not in time. */
export async function launchHub(options: LaunchHubOptions): Promise<LaunchedHub> {
  const what = options.what ?? 'hub';
  const timeoutMs = options.timeoutMs ?? 90_000;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'hub/src/main.ts', ...options.args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  guardAgainstOrphan(child, exited);

  const match = await new Promise<RegExpExecArray>((resolveReady, reject) => {
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          stopWaiting();
          child.kill('SIGKILL');
          reject(new Error(`${what} did not start in ${timeoutMs / 1000} s:\n${output}`));
        }, timeoutMs)
      : undefined;
    const onData = () => {
      const found = options.ready.exec(output);
      if (!found) return;
      stopWaiting();
      resolveReady(found);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      stopWaiting();
      reject(new Error(`${what} exited with ${code ?? signal} before it was ready:\n${output}`));
    };
    function stopWaiting() {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
    }
    // Registered after the collectors above, so `output` already holds the chunk being checked.
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    child,
    match,
    output: () => output,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

// However the parent ends (an error, Ctrl-C, a test run finishing), the hubs it started end with it.
const running = new Set<ChildProcess>();
let orphanGuardInstalled = false;

function guardAgainstOrphan(child: ChildProcess, exited: Promise<unknown>) {
  running.add(child);
  void exited.then(() => running.delete(child));
  if (orphanGuardInstalled) return;
  orphanGuardInstalled = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}
