// Paths in messages: relative to where the command runs when inside it, absolute otherwise.
import { isAbsolute, relative } from 'node:path';

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
