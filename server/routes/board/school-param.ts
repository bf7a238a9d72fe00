import { AppError } from '../../errors.js';
import { SchoolSlug } from '../../schools/schools-file.js';

/** An unknown slug reads as an unknown school, never as a validation error of the path. */
export function slugOf(params: unknown): string {
  const parsed = SchoolSlug.safeParse((params as { slug?: unknown }).slug);
  if (!parsed.success) throw new AppError('not_found', 'Deze school bestaat niet.');
  return parsed.data;
}
