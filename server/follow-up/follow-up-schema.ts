import { z } from 'zod';
import { MAX_MESSAGE_LENGTH } from '../limits.js';
import { visibleText } from '../reports/report-schema.js';

const receipt = z.string({ error: 'Vul je code in.' }).max(40, 'Dit is geen goede code.');

export const FollowUpLookupBody = z.object({ receipt });

export const FollowUpMessageBody = z.object({
  receipt,
  text: visibleText(MAX_MESSAGE_LENGTH, `Je bericht mag niet langer zijn dan ${MAX_MESSAGE_LENGTH} tekens.`).default(''),
});
export type FollowUpMessageInput = z.output<typeof FollowUpMessageBody>;

export const REPORTER_STATUSES = ['received', 'in_progress', 'closed'] as const;
export type ReporterStatus = (typeof REPORTER_STATUSES)[number];

export const FollowUpResponse = z.object({
  status: z.enum(REPORTER_STATUSES),
  messages: z.array(z.object({ from: z.enum(['school', 'reporter']), text: z.string(), at: z.string() })),
});
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;
