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
