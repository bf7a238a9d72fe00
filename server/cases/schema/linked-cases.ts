// Linking related reports into one case.
import { z } from 'zod';
import { id } from './fields.js';

/** The number of the report to link into this case (the other case's reports come along). */
export const LinkBody = z.object({ reportId: id });
