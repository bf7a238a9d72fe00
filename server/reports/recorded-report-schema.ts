import { z } from 'zod';
import { RECORDED_SOURCES, SIGNALS } from '../shared/report-options.js';
import { choiceList, ReportFields, storyRequired, yesNo } from './report-schema.js';

/**
 * A report a staff member records (told in person, by phone, by letter, or seen themselves): the
 * form's fields (and its check), without the school (the staff member's own), with how it came in
 * and the signals.
 */
export const RecordedReportBody = ReportFields.omit({ school: true })
  .extend({
    source: z.enum(RECORDED_SOURCES, { error: 'Kies hoe de melding binnenkwam.' }),
    signals: choiceList(SIGNALS, 'Kies signalen uit de lijst.'),
    /** The pupil or parent wants to follow it up themselves: the answer carries a receipt code, once. */
    followUp: yesNo.default(false),
  })
  // Staff always write down what happened, urgent or not.
  .refine(...storyRequired(false));

export type RecordedReportInput = z.output<typeof RecordedReportBody>;
