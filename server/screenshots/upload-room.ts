// Room for uploads: without it a class sending camera photos at the same moment had every body in memory
// at once (30 × 4 MB, read, copied and waiting for the image queue), which made most of a burst's peak.
// A multipart body is read only when its bytes fit in MAX_UPLOAD_BYTES_IN_FLIGHT together with those of
// the requests being read, sanitised and stored; until then it waits in the socket, unread, in arrival
// order. The image queue then finds the next photos ready and the cores stay busy.
//
// The room is counted by Content-Length, before the bytes arrive. A client that declares a large body
// and sends it slowly keeps its share until it is done or its request times out (REQUEST_TIMEOUT_SECONDS);
// uploads behind it wait meanwhile, text reports never do.
import type { FastifyRequest } from 'fastify';
import { MAX_MULTIPART_FIELD_BYTES, MAX_MULTIPART_FIELDS, MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS, MAX_UPLOAD_BYTES_IN_FLIGHT } from '../shared/limits.js';
import { ImageQueue } from './image-queue.js';

/** The most one request can bring that the multipart limits let through: its share when it declares no length. */
const LARGEST_ALLOWED_BODY = MAX_SCREENSHOTS * MAX_SCREENSHOT_BYTES + MAX_MULTIPART_FIELDS * MAX_MULTIPART_FIELD_BYTES;

/** The same fair queue as the image work, weighed in bytes and not limited in count. */
export const uploadRoom = new ImageQueue(Number.POSITIVE_INFINITY, MAX_UPLOAD_BYTES_IN_FLIGHT);

/** Runs `handle` (read, sanitise, store) once the request's body fits; a body that is not multipart at once. */
export function withUploadRoom<T>(request: FastifyRequest, handle: () => Promise<T>): Promise<T> {
  if (!request.isMultipart()) return handle();
  const declared = Number(request.headers['content-length']);
  const bytes = Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, LARGEST_ALLOWED_BODY) : LARGEST_ALLOWED_BODY;
  return uploadRoom.run(bytes, handle);
}
