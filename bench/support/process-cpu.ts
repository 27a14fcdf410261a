// CPU seconds a process has used (user + system), read from /proc: what a run cost each process, whatever else the machine was doing.
import { readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks; 100 per second on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

export function cpuSeconds(pid: number): number {
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * Waits until the processes together use under `coreShare` of a core over `quietSeconds` consecutive seconds (at most
 * `maxSeconds`): a hub answers before its start-up catch-up with the ERP is done, and measuring that would measure the
 * catch-up. Returns whether they went quiet.
 */
export async function waitUntilQuiet(pids: number[], { coreShare = 0.2, quietSeconds = 2, maxSeconds = 120 } = {}): Promise<boolean> {
  const used = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const deadline = Date.now() + maxSeconds * 1000;
  for (let quiet = 0, before = used(); Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = used();
    quiet = now - before < coreShare ? quiet + 1 : 0;
    before = now;
    if (quiet >= quietSeconds) return true;
  }
  return false;
}
