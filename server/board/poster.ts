import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { qrCodeDataUrl } from '../qr-code.js';
import { findSchool } from '../schools/school-directory.js';
import type { BoardPosterResponse } from '../shared/board-responses.js';
import { formUrl } from './school-admin.js';

/** What the school's A4 poster shows: its name, its form address and that address as a QR code made here. */
export async function schoolPoster(context: AppContext, slug: string): Promise<BoardPosterResponse> {
  const school = await findSchool(context.db, slug);
  if (!school) throw new AppError('not_found', 'Deze school bestaat niet.');
  const url = formUrl(context, school.slug);
  return { name: school.name, formUrl: url, qrCode: await qrCodeDataUrl(url) };
}
