import { CRITERIA, type CriterionKey } from '../shared/protocol.js';
import type { Frequency } from '../shared/report-options.js';

export type Indication = 'pesten' | 'plagen' | 'onduidelijk';

export interface IndicationCriteria {
  equal?: boolean | undefined;
  sameTarget?: boolean | undefined;
  hurtful?: boolean | undefined;
  frequency?: Frequency | undefined;
}

const OFTEN: ReadonlySet<Frequency> = new Set(['weekly', 'daily']);

/**
 * Which column of the seed protocol's table one answer falls in, or null when it was not answered:
 * plagen is equal, with changing targets, humorous and now and then; pesten is a power imbalance,
 * the same victim, hurtful and often.
 */
export function criterionColumn(criteria: IndicationCriteria, key: CriterionKey): 'plagen' | 'pesten' | null {
  switch (key) {
    case 'equal':
      return criteria.equal === undefined ? null : criteria.equal ? 'plagen' : 'pesten';
    case 'sameTarget':
      return criteria.sameTarget === undefined ? null : criteria.sameTarget ? 'pesten' : 'plagen';
    case 'hurtful':
      return criteria.hurtful === undefined ? null : criteria.hurtful ? 'pesten' : 'plagen';
    case 'frequency':
      return criteria.frequency === undefined ? null : OFTEN.has(criteria.frequency) ? 'pesten' : 'plagen';
  }
}

/**
 * Pesten when most answered criteria point to it, plagen when all answered ones point away,
 * onduidelijk when the reporter answered too few to tell. Staff confirm or overrule it.
 */
export function computeIndication(criteria: IndicationCriteria): Indication {
  const columns = CRITERIA.map(({ key }) => criterionColumn(criteria, key)).filter((column) => column !== null);
  if (columns.length < 2) return 'onduidelijk';
  const pesten = columns.filter((column) => column === 'pesten').length;
  if (pesten === 0) return 'plagen';
  return pesten * 2 > columns.length ? 'pesten' : 'onduidelijk';
}
