// The protocol's signals of bullying in Dutch, apart from labels.ts: the report form sends a parent's
// ticked signals in these words (web/src/report/draft.ts) and should not carry every staff label.

/** The protocol's "Signalen van pesten", as staff read them about a child. */
export const SIGNAL_LABELS: Record<string, string> = {
  alone: 'Staat vaak alleen in de pauze, of bij de pleinwacht',
  youngerChildren: 'Speelt vaak met jongere kinderen',
  blamed: 'Krijgt zonder reden de schuld',
  gossip: 'Veel roddelen of schreeuwen in de groep',
  remarks: 'Anderen zeggen nare dingen over familie, kleren of haar',
  mistakes: 'Anderen doen naarder over een fout van het kind dan bij een ander',
  avoidsSchool: 'Wil niet meer naar school, of zegt zich ziek te voelen',
  irritable: 'Is gauw boos of prikkelbaar',
  staysInside: 'Wil niet meer buiten spelen en blijft binnen',
  belongings: 'Spullen worden verstopt, kapotgemaakt of afgepakt',
  threatsOnline: 'Wordt bedreigd via sociale media of apps',
};
