import { html, mailLayout, type RenderedMail } from './html.js';

export type StaffLoginMailData = {
  name: string;
  loginUrl: string;
  validMinutes: number;
} & (
  | { schoolNames: readonly string[]; portal?: undefined }
  /** Another portal than the staff one (the board admin area), named as it appears in the mail. */
  | { portal: string; schoolNames?: undefined }
);

export function renderStaffLoginMail(data: StaffLoginMailData): RenderedMail {
  const subject = 'Je inloglink voor klikvrij';
  const portal = data.portal ?? `het personeelsportaal van klikvrij (${data.schoolNames.join(', ')})`;
  const text = [
    `Beste ${data.name},`,
    '',
    `Met deze link log je in op ${portal}:`,
    data.loginUrl,
    '',
    `De link werkt ${data.validMinutes} minuten en één keer.`,
    'Heb je niet om deze link gevraagd? Dan kun je deze mail negeren; er gebeurt niets.',
  ].join('\n');
  const body = html`<p>Beste ${data.name},</p>
<p>Met deze link log je in op ${portal}:</p>
<p><a href="${data.loginUrl}">Inloggen bij klikvrij</a></p>
<p>De link werkt ${data.validMinutes} minuten en één keer.</p>
<p>Heb je niet om deze link gevraagd? Dan kun je deze mail negeren; er gebeurt niets.</p>`;
  return { subject, text, html: mailLayout(subject, body) };
}

/** What a login mail becomes once its link expired: a mail delivered late must not carry a live link. */
export function renderExpiredStaffLoginMail(loginPageUrl: string): RenderedMail {
  const subject = 'Je inloglink voor klikvrij (verlopen)';
  const text = `Deze inloglink is verlopen. Vraag een nieuwe aan op ${loginPageUrl}`;
  const body = html`<p>Deze inloglink is verlopen. <a href="${loginPageUrl}">Vraag een nieuwe aan.</a></p>`;
  return { subject, text, html: mailLayout(subject, body) };
}
