import type { z } from 'zod';

/** One readable line from a zod error: the first issue, with its path, and how many more there were. */
export function reasonOf(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'invalid value';
  const path = first.path.map(String).join('.');
  const head = path ? `${path}: ${first.message}` : first.message;
  return rest.length ? `${head} (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : head;
}
