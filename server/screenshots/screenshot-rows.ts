import type { NewScreenshot } from '../../db/schema.js';
import type { SanitizedScreenshot } from './sanitize-screenshot.js';

/** Rows for sanitised screenshots of a report, or of one message of it. */
export function screenshotRows(
  reportId: number,
  screenshots: readonly SanitizedScreenshot[],
  messageId: number | null = null,
): NewScreenshot[] {
  return screenshots.map((shot) => ({
    report_id: reportId,
    message_id: messageId,
    mime_type: shot.mimeType,
    width: shot.width,
    height: shot.height,
    byte_size: shot.data.length,
    data: shot.data,
  }));
}
