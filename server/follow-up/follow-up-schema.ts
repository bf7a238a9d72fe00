import { z } from 'zod';
import { MAX_MESSAGE_LENGTH } from '../shared/limits.js';
import { visibleText } from '../reports/report-schema.js';

const receipt = z.string({ error: 'Vul je code in.' }).max(40, 'Dit is geen goede code.');

export const FollowUpLookupBody = z.object({ receipt });

export const FollowUpMessageBody = z.object({
  receipt,
  text: visibleText(MAX_MESSAGE_LENGTH, `Je bericht mag niet langer zijn dan ${MAX_MESSAGE_LENGTH} tekens.`).default(''),
});
export type FollowUpMessageInput = z.output<typeof FollowUpMessageBody>;
