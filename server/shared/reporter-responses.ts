// The answers of POST /api/reports and /api/followup (the stable HTTP contract), in zod. The pupil
// and follow-up pages import the types only, so zod stays out of their bundle.
import { z } from 'zod';
import { MESSAGE_AUTHORS, REPORTER_STATUSES } from './protocol.js';

/** `receipt`: the contract's sixteen digits; `receiptWords` (added): the same code as six words, for the child. */
export const ReceiptResponse = z.object({ receipt: z.string(), receiptWords: z.string().optional() });
export type ReceiptResponse = z.infer<typeof ReceiptResponse>;

export const FollowUpResponse = z.object({
  status: z.enum(REPORTER_STATUSES),
  messages: z.array(
    z.object({
      from: z.enum(MESSAGE_AUTHORS),
      text: z.string(),
      /** A day (`2025-03-14`, for an anonymous reporter's own messages) or an ISO date-time. */
      at: z.string(),
    }),
  ),
});
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;
