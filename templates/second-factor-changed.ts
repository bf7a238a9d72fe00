import { html, mailLayout, type RenderedMail } from './html.js';

// Tells a staff member that the second factor of their login changed, so that a change they did
// not make (someone at their unlocked laptop, a colleague misusing a reset) does not go unnoticed.

export type SecondFactorChange = 'enabled' | 'disabled' | 'reset' | 'recovery-code-used';

export interface SecondFactorChangedMailData {
  name: string;
  change: SecondFactorChange;
  /** Who reset it, for a reset by the directeur. */
  actorName?: string;
  /** Recovery codes still unused, after one was used. */
  recoveryCodesLeft?: number;
  portalUrl: string;
}

function whatHappened(data: SecondFactorChangedMailData): string {
  switch (data.change) {
    case 'enabled':
      return 'Inloggen met een authenticator-app is zojuist aangezet voor je account.';
    case 'disabled':
      return 'Inloggen met een authenticator-app is zojuist uitgezet voor je account.';
    case 'reset':
      return `${data.actorName ?? 'De directeur'} heeft de authenticator-app van je account losgekoppeld. Bij de volgende keer inloggen zet je hem opnieuw aan.`;
    case 'recovery-code-used':
      return `Er is zojuist ingelogd met een van je herstelcodes. Je hebt er nog ${data.recoveryCodesLeft ?? 0} over.`;
  }
}

export function renderSecondFactorChangedMail(data: SecondFactorChangedMailData): RenderedMail {
  const subject = 'Wijziging in je inloggen bij klikvrij';
  const event = whatHappened(data);
  const warning =
    'Heb je dit niet zelf gedaan of gevraagd? Log dan uit op alle apparaten in het portaal en vraag de directeur de authenticator-app opnieuw in te stellen.';
  const text = [`Beste ${data.name},`, '', event, '', warning, data.portalUrl].join('\n');
  const body = html`<p>Beste ${data.name},</p>
<p>${event}</p>
<p>${warning}</p>
<p><a href="${data.portalUrl}">Naar het portaal</a></p>`;
  return { subject, text, html: mailLayout(subject, body) };
}
