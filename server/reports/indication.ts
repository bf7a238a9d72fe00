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
 * The seed protocol's table, column by column: plagen is equal, with changing targets, humorous
 * and now and then; pesten is a power imbalance, the same victim, hurtful and often.
 * Pesten when most answered criteria point to it, plagen when all answered ones point away,
 * onduidelijk when the reporter answered too few to tell. Staff confirm or overrule it.
 */
export function computeIndication(criteria: IndicationCriteria): Indication {
  const pointsToPesten: boolean[] = [];
  if (criteria.equal !== undefined) pointsToPesten.push(!criteria.equal);
  if (criteria.sameTarget !== undefined) pointsToPesten.push(criteria.sameTarget);
  if (criteria.hurtful !== undefined) pointsToPesten.push(criteria.hurtful);
  if (criteria.frequency !== undefined) pointsToPesten.push(OFTEN.has(criteria.frequency));

  if (pointsToPesten.length < 2) return 'onduidelijk';
  const pesten = pointsToPesten.filter(Boolean).length;
  if (pesten === 0) return 'plagen';
  return pesten * 2 > pointsToPesten.length ? 'pesten' : 'onduidelijk';
}
