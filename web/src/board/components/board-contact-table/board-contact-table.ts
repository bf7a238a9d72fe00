import { css, html } from 'lit';
import { CONTACT_ROLE_LABELS } from '../../../../../server/shared/board-values';
import { StaffActionElement } from '../../../staff/action-element';
import { staffStyles } from '../../../staff/staff-styles';
import { boardTableStyles } from '../../board-styles';
import { ApiError, boardApi, type BoardContact, type BoardSchool, type ContactInput } from '../../api';
import '../board-contact-fields/board-contact-fields';
import type { BoardContactFields } from '../board-contact-fields/board-contact-fields';

declare global {
  interface GlobalEventHandlersEventMap {
    'board-school-changed': CustomEvent<BoardSchool>;
  }
}

/** A school's contact table: change or end a contact, or add one. Ended contacts stay listed. */
export class BoardContactTable extends StaffActionElement {
  static override properties = {
    school: { attribute: false },
    editing: { state: true },
    fields: { state: true },
    handingOver: { state: true },
  };

  static override styles = [
    staffStyles,
    boardTableStyles,
    css`
      .ended {
        color: var(--st-muted);
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }

      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 1rem;
      }

      .next-year {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: var(--st-target);
      }
    `,
  ];

  declare school: BoardSchool;
  /** The contact being changed, 'new' while adding one, or null. */
  declare editing: number | 'new' | null;
  declare fields: Record<string, string>;
  /**
   * The contact being ended, or changed (`change`) so that they may no longer open some of their
   * open cases, whose cases need someone to take them.
   */
  declare handingOver: { contact: BoardContact; change?: ContactInput } | null;

  constructor() {
    super();
    this.editing = null;
    this.fields = {};
    this.handingOver = null;
  }

  private renderHandOver({ contact: leaving, change }: { contact: BoardContact; change?: ContactInput }) {
    const others = this.school.contacts.filter((contact) => contact.endedAt === null && contact.id !== leaving.id);
    return html`<form @submit=${this.handOver} novalidate aria-label=${`Meldingen van ${leaving.name} overdragen`}>
      <h3>Meldingen van ${leaving.name} overdragen</h3>
      <p class="error" id="handover-error" role="alert">${this.fields.handOverTo}</p>
      <div>
        <label for="handover-to">Wie neemt ze over?</label>
        <select id="handover-to" aria-describedby="handover-error">
          ${others.map((contact) => html`<option value=${contact.id}>${contact.name} (${this.roles(contact)})</option>`)}
        </select>
      </div>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${change ? 'Overdragen en opslaan' : 'Overdragen en stoppen'}</button>
        <button type="button" @click=${() => this.edit(null)}>Annuleren</button>
      </div>
    </form>`;
  }

  private async handOver(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { contact: leaving, change } = this.handingOver!;
    const to = Number(this.renderRoot.querySelector<HTMLSelectElement>('#handover-to')!.value);
    await this.run(() =>
      change ? boardApi.changeContact(this.school.slug, leaving.id, { ...change, handOverTo: to }) : boardApi.endContact(this.school.slug, leaving.id, to),
    );
  }

  private roles(contact: BoardContact): string {
    return contact.roles.map((role) => CONTACT_ROLE_LABELS[role]).join(', ');
  }

  override render() {
    const editingContact = this.school.contacts.find((contact) => contact.id === this.editing);
    return html`<section class="panel" aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contactpersonen</h2>
      ${this.school.warnings.length > 0
        ? html`<div class="notice" id="table-warnings">
            <p><strong>Let op: ${this.school.warnings.length === 1 ? 'er ontbreekt een rol' : 'er ontbreken rollen'} in deze tabel.</strong></p>
            <ul>
              ${this.school.warnings.map((warning) => html`<li>${warning}</li>`)}
            </ul>
          </div>`
        : ''}
      <table>
        <thead>
          <tr><th scope="col">Naam</th><th scope="col">E-mail</th><th scope="col">Rollen</th><th scope="col"><span class="sr-only">Acties</span></th></tr>
        </thead>
        <tbody>
          ${this.school.contacts.map(
            (contact) => html`<tr class=${contact.endedAt ? 'ended' : ''}>
              <td>
                ${contact.name}${contact.note ? html`<br /><span class="small muted">${contact.note}</span>` : ''}
                ${contact.joinsSchoolYear && !contact.endedAt
                  ? html`<br /><span class="badge">vanaf schooljaar ${contact.joinsSchoolYear}</span>`
                  : ''}
              </td>
              <td>${contact.email}</td>
              <td>${this.roles(contact)}</td>
              <td>
                ${contact.endedAt
                  ? html`gestopt ${contact.endedAt.slice(0, 10)}`
                  : html`<div class="actions">
                      <button type="button" @click=${() => this.edit(contact.id)}>Wijzigen<span class="sr-only"> — ${contact.name}</span></button>
                      <button type="button" ?disabled=${this.busy} @click=${() => this.end(contact)}>Stoppen<span class="sr-only"> — ${contact.name}</span></button>
                    </div>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.handingOver
        ? this.renderHandOver(this.handingOver)
        : this.editing === null
        ? html`${this.renderError()}<p><button type="button" @click=${() => this.edit('new')}>+ Contactpersoon toevoegen</button></p>`
        : html`<form @submit=${this.submit} novalidate aria-label=${editingContact ? `${editingContact.name} wijzigen` : 'Contactpersoon toevoegen'}>
            <h3>${editingContact ? `${editingContact.name} wijzigen` : 'Contactpersoon toevoegen'}</h3>
            <board-contact-fields prefix="edit" .contact=${editingContact} .errors=${this.fields}></board-contact-fields>
            ${editingContact
              ? ''
              : html`<div>
                  <label class="next-year"><input id="next-year" type="checkbox" /> Pas vanaf volgend schooljaar (1 augustus)</label>
                  <p class="small muted">Tot die dag verandert er niets aan de tabel van nu.</p>
                </div>`}
            ${this.renderError()}
            <div class="actions">
              <button class="primary" type="submit" ?disabled=${this.busy}>Opslaan</button>
              <button type="button" @click=${() => this.edit(null)}>Annuleren</button>
            </div>
          </form>`}
    </section>`;
  }

  private edit(target: number | 'new' | null): void {
    this.editing = target;
    this.handingOver = null;
    this.fields = {};
    this.error = '';
  }

  private async run(action: () => Promise<BoardSchool>): Promise<void> {
    this.busy = true;
    try {
      const school = await action();
      this.edit(null);
      this.dispatchEvent(new CustomEvent('board-school-changed', { detail: school, bubbles: true, composed: true }));
    } catch (error) {
      this.fields = error instanceof ApiError ? error.body.fields : {};
      this.error = error instanceof ApiError ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const contact = this.renderRoot.querySelector<BoardContactFields>('board-contact-fields')!.read();
    const editing = this.editing;
    await this.run(() =>
      editing === 'new' || editing === null
        ? boardApi.addContact(this.school.slug, { ...contact, ...(this.forNextSchoolYear() ? { forNextSchoolYear: true } : {}) })
        : boardApi.changeContact(this.school.slug, editing, contact),
    );
    // New roles that no longer open some of their open cases: the server says how many, and asks who.
    const changed = this.school.contacts.find((row) => row.id === editing);
    if (this.fields.handOverTo && changed) this.handingOver = { contact: changed, change: contact };
  }

  private forNextSchoolYear(): boolean {
    return this.renderRoot.querySelector<HTMLInputElement>('#next-year')?.checked ?? false;
  }

  private async end(contact: BoardContact): Promise<void> {
    if (!confirm(`${contact.name} stopt als contactpersoon van ${this.school.name}? Zij of hij kan dan niet meer inloggen voor deze school.`)) return;
    await this.run(() => boardApi.endContact(this.school.slug, contact.id));
    // Their open cases need someone: the server says how many, and asks who.
    if (this.fields.handOverTo) this.handingOver = { contact };
  }
}

customElements.define('board-contact-table', BoardContactTable);

declare global {
  interface HTMLElementTagNameMap {
    'board-contact-table': BoardContactTable;
  }
}
