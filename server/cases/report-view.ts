// How a stored report row reads in the staff views: SQLite's 0/1 flags become booleans, the JSON
// lists become arrays, and the criteria answers become what the indication module reads.
import type { Report } from '../../db/schema.js';
import type { IndicationCriteria } from '../reports/indication.js';
import type { Frequency } from '../shared/report-options.js';
import { toLanguage, type Language } from '../shared/languages.js';

export function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * Why the report is urgent, as the case page says it: in danger now, afraid to go to school, or
 * (reports from before the two questions were split) one of the two.
 */
export function urgencyOf(row: Pick<Report, 'in_danger' | 'afraid_of_school'>) {
  return { inDanger: flag(row.in_danger) ?? null, afraidOfSchool: flag(row.afraid_of_school) ?? null };
}

/** What the inbox and the case page both show of a report. */
export function reportFacts(row: Pick<Report, 'urgent' | 'anonymous' | 'recipients' | 'kinds' | 'places'>) {
  return {
    urgent: row.urgent === 1,
    anonymous: row.anonymous === 1,
    confidential: row.recipients === 'vertrouwenspersoon',
    kinds: parseList(row.kinds),
    places: parseList(row.places),
  };
}

/** The language the reporter used; rows from before migration 0017 read as Dutch. */
export function reporterLanguageOf(report: Pick<Report, 'language'>): Language {
  return toLanguage(report.language);
}

function flag(value: number | null): boolean | undefined {
  return value === null ? undefined : value === 1;
}

/** The reporter's answers to the protocol's plagen/pesten questions, as they were given. */
export function criteriaOf(report: Report): IndicationCriteria {
  return {
    equal: flag(report.equal),
    sameTarget: flag(report.same_target),
    hurtful: flag(report.hurtful),
    frequency: (report.frequency ?? undefined) as Frequency | undefined,
  };
}
