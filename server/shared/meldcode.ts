// The Meldcode huiselijk geweld en kindermishandeling's five steps, as the school records them beside
// the anti-pest protocol's. Pure data: web/src/staff imports it too.

export const MELDCODE_STEPS = ['1', '2', '3', '4', '5'] as const;
export type MeldcodeStep = (typeof MELDCODE_STEPS)[number];

export const MELDCODE_STEP_LABELS: Record<MeldcodeStep, string> = {
  '1': 'Stap 1 – Signalen in kaart brengen',
  '2': 'Stap 2 – Collegiale consultatie en zo nodig Veilig Thuis of een deskundige raadplegen',
  '3': 'Stap 3 – Gesprek met de ouder/het kind',
  '4': 'Stap 4 – Wegen: is er sprake van (een vermoeden van) geweld?',
  '5': 'Stap 5 – Beslissen: hulp organiseren en/of melden bij Veilig Thuis',
};
