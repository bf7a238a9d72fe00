// What staff send to the reporter: a message, the status the reporter sees at /volgen.
import { z } from 'zod';
import { MAX_MESSAGE_LENGTH } from '../../shared/limits.js';
import { REPORTER_STATUSES } from '../../shared/protocol.js';
import { requiredText } from './fields.js';

export const MessageBody = z.object({ text: requiredText(MAX_MESSAGE_LENGTH, 'Schrijf een bericht.') });
export const ReporterStatusBody = z.object({ status: z.enum(REPORTER_STATUSES, { error: 'Kies een status.' }) });
