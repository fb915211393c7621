/** Whether PostgreSQL refused a write because a unique index already holds the value. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === '23505';
}
