import { LitElement, css, html } from 'lit';
import { CONTACT_ROLES } from '../../../../../server/shared/contact-roles';
import { CONTACT_ROLE_LABELS } from '../../../../../server/shared/board-values';
import { staffStyles } from '../../../staff/staff-styles';
import type { BoardContact, ContactInput } from '../../api';

/**
 * The fields of one contact (name, address, roles, note) inside a form of its parent, which calls
 * read() and passes the server's field errors back in `errors`.
 */
export class BoardContactFields extends LitElement {
  static override properties = {
    contact: { attribute: false },
    errors: { attribute: false },
    prefix: {},
  };

  static override styles = [
    staffStyles,
    css`
      .grid {
        display: grid;
        gap: 0.75rem;
      }

      fieldset {
        margin: 0;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--st-border);
        border-radius: 6px;
      }

      .role {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: var(--st-target);
      }
    `,
  ];

  /** Prefills the fields when a contact is changed. */
  declare contact: BoardContact | undefined;
  /** Field name → Dutch message from the server. */
  declare errors: Record<string, string>;
  /** Keeps ids unique when a page shows more than one set. */
  declare prefix: string;

  constructor() {
    super();
    this.contact = undefined;
    this.errors = {};
    this.prefix = 'contact';
  }

  read(): ContactInput {
    const value = (name: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${this.prefix}-${name}`)?.value.trim() ?? '';
    const roles = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name="role"]:checked')].map((input) => input.value);
    const note = value('note');
    return { name: value('name'), email: value('email'), roles, ...(note ? { note } : {}) };
  }

  private field(name: 'name' | 'email' | 'note', label: string, type = 'text') {
    const id = `${this.prefix}-${name}`;
    const error = this.errors[name];
    return html`<div>
      <label for=${id}>${label}</label>
      <input id=${id} type=${type} .value=${this.contact?.[name] ?? ''} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : ''} />
      ${error ? html`<p class="error" id="${id}-error" role="alert">${error}</p>` : ''}
    </div>`;
  }

  override render() {
    const rolesError = this.errors.roles;
    return html`<div class="grid">
      ${this.field('name', 'Naam')} ${this.field('email', 'E-mailadres', 'email')}
      <fieldset aria-describedby=${rolesError ? `${this.prefix}-roles-error` : ''}>
        <legend class="label">Rollen</legend>
        ${CONTACT_ROLES.map(
          (role) => html`<label class="role"
            ><input type="checkbox" name="role" value=${role} .checked=${this.contact?.roles.includes(role) ?? false} />
            ${CONTACT_ROLE_LABELS[role]}</label
          >`,
        )}
        ${rolesError ? html`<p class="error" id="${this.prefix}-roles-error" role="alert">${rolesError}</p>` : ''}
      </fieldset>
      ${this.field('note', 'Notitie (bijvoorbeeld: in opleiding)')}
    </div>`;
  }
}

customElements.define('board-contact-fields', BoardContactFields);

declare global {
  interface HTMLElementTagNameMap {
    'board-contact-fields': BoardContactFields;
  }
}
