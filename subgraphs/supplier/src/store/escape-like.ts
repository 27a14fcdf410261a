// Makes a user's search word safe inside a LIKE pattern.

/** LIKE wildcards a user types are dropped rather than escaped: SQLite and PostgreSQL disagree on the default escape. */
export function escapeLike(term: string): string {
  return term.replace(/[%_]/g, '');
}
