import { z } from 'zod';
import { messageKey } from '../shared/server-messages.js';
import { MAX_MESSAGE_LENGTH, MAX_RECEIPT_INPUT_LENGTH } from '../shared/limits.js';
import { reporterLanguage, submissionKey, visibleText } from '../reports/report-schema.js';

const receipt = z.string({ error: messageKey('followUp.receiptMissing') }).max(MAX_RECEIPT_INPUT_LENGTH, messageKey('followUp.receiptShape'));

/** `language` only chooses the language of the answer's messages (Accept-Language does too). */
export const FollowUpLookupBody = z.object({ receipt, language: reporterLanguage.optional() });

export const FollowUpMessageBody = z.object({
  receipt,
  language: reporterLanguage.optional(),
  text: visibleText(MAX_MESSAGE_LENGTH, messageKey('followUp.messageTooLong')).default(''),
  /** The answer box's key for this answer: sent again after its 201 was lost, it is stored once. */
  submission: submissionKey.optional(),
});
export type FollowUpMessageInput = Omit<z.output<typeof FollowUpMessageBody>, 'submission'>;
