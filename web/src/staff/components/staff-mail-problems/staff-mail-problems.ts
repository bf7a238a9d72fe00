import { css, html } from 'lit';
import { api, type MailProblemsResponse } from '../../api';
import { StaffActionElement } from '../../action-element';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/**
 * Above the inbox of the directeur (and of the vertrouwenspersoon, for mails about reports for them
 * alone): mails the portal gave up on, which address did not take them and why, so the contact table
 * can be put right; "Weghalen" once it is. Nothing is shown while there are none.
 */
export class StaffMailProblems extends StaffActionElement {
  static override properties = { data: { state: true } };

  static override styles = [
    staffStyles,
    css`
      ul {
        margin: 0.5rem 0 0;
        padding-inline-start: 1.25rem;
      }

      li {
        margin-bottom: 0.5rem;
      }
    `,
  ];

  declare data: MailProblemsResponse | undefined;

  constructor() {
    super();
    this.data = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Only a warning: when it cannot be loaded the inbox is shown without it.
    api.mailProblems().then(
      (data) => (this.data = data),
      () => undefined,
    );
  }

  override render() {
    const letters = this.data?.deadLetters ?? [];
    if (letters.length === 0) return '';
    return html`<section class="notice" aria-labelledby="mail-problems-title" id="mail-problems">
      <h2 id="mail-problems-title">${letters.length === 1 ? 'Een mail kwam niet aan' : `${letters.length} mails kwamen niet aan`}</h2>
      <p>Klopt het adres? Laat het in de contacttabel verbeteren en haal de melding hier dan weg.</p>
      <ul>
        ${letters.map(
          (letter) => html`<li>
            <strong>${letter.kind}</strong> aan ${letter.contact ? `${letter.contact.name} (${letter.contact.email})` : 'een melder'}, ${formatWhen(letter.at)}:
            <span class="small">${letter.reason}</span>
            <button type="button" ?disabled=${this.busy} @click=${() => this.dismiss(letter.id)}>
              Weghalen<span class="sr-only"> — ${letter.kind} aan ${letter.contact?.name ?? 'een melder'}</span>
            </button>
          </li>`,
        )}
      </ul>
      ${this.renderError()}
    </section>`;
  }

  private async dismiss(id: number): Promise<void> {
    await this.busyWhile(async () => {
      await api.dismissMailProblem(id);
      this.data = await api.mailProblems();
    });
  }
}

customElements.define('staff-mail-problems', StaffMailProblems);

declare global {
  interface HTMLElementTagNameMap {
    'staff-mail-problems': StaffMailProblems;
  }
}
