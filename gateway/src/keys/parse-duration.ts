// Durations as people type them for key expiry: 90s, 15m, 12h, 30d.
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) throw Object.assign(new Error(`${flag}: expected a duration such as 90s, 15m, 12h or 30d, got "${text}"`), { code: 'ERR_PARSE_ARGS_DURATION' });
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
