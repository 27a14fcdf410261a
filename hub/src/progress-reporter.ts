// Shows long work (seeding, first sync) on the terminal: one updating line per step when attached to a TTY.
export class ProgressReporter {
  private lastLine = '';
  private lastAt = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  step(label: string, done: number, total?: number): void {
    const now = Date.now();
    const finished = total !== undefined && done >= total;
    // Throttled: an updating line every 100 ms on a terminal; a new line every 2 s in a log file.
    if (!finished && now - this.lastAt < (this.out.isTTY ? 100 : 2000)) return;
    this.lastAt = now;
    const pct = total ? ` ${Math.min(100, Math.round((done / total) * 100))}%` : '';
    const line = `  ${label}:${pct} (${done.toLocaleString('en-US')}${total ? ` of ${total.toLocaleString('en-US')}` : ''})`;
    if (this.out.isTTY) {
      this.out.write(`\r${line.padEnd(this.lastLine.length)}`);
      if (finished) this.out.write('\n');
    } else {
      this.out.write(`${line}\n`);
    }
    this.lastLine = finished ? '' : line;
  }

  note(text: string): void {
    if (this.lastLine && this.out.isTTY) this.out.write('\n');
    this.lastLine = '';
    this.out.write(`${text}\n`);
  }
}
