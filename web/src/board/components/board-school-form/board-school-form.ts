import { css, html } from 'lit';
import { StaffActionElement } from '../../../staff/action-element';
import { staffStyles } from '../../../staff/staff-styles';
import { ApiError, boardApi } from '../../api';
import { boardNavigate } from '../../router';
import '../board-contact-fields/board-contact-fields';
import '../board-school-fields/board-school-fields';
import type { BoardContactFields } from '../board-contact-fields/board-contact-fields';
import type { BoardSchoolFields } from '../board-school-fields/board-school-fields';

/** A new school: its address, name, options and a first contact (anti-pestcoördinator and vertrouwenspersoon). */
export class BoardSchoolForm extends StaffActionElement {
  static override properties = { fields: { state: true }, slug: { state: true } };

  static override styles = [
    staffStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
      }
    `,
  ];

  declare fields: Record<string, string>;
  /** What is typed as the address, shown back as the form's whole address before it is saved for good. */
  declare slug: string;

  constructor() {
    super();
    this.fields = {};
    this.slug = '';
  }

  /** Errors of the first contact come back as contacts.0.<field>. */
  private contactErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const [key, message] of Object.entries(this.fields)) {
      const match = /^contacts\.0\.(\w+)/.exec(key);
      if (match) errors[match[1]!] ??= message;
      if (key === 'contacts') errors.roles ??= message;
    }
    return errors;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="title">
      <h1 id="title">School toevoegen</h1>
      <form @submit=${this.submit} novalidate>
        <div>
          <label for="slug">Adres (kort, kleine letters), zoals de-linde</label>
          <input
            id="slug"
            autocomplete="off"
            aria-describedby=${this.fields.slug ? 'slug-error slug-preview' : 'slug-preview'}
            @input=${(event: InputEvent) => (this.slug = (event.target as HTMLInputElement).value.trim())}
          />
          ${this.fields.slug ? html`<p class="error" id="slug-error" role="alert">${this.fields.slug}</p>` : ''}
          <p class="small muted" id="slug-preview">
            ${this.slug ? html`Het meldformulier komt op <strong>${location.origin}/school/${this.slug}</strong>. ` : ''}Kijk het
            goed na: dit adres kun je later niet meer veranderen. Het staat op de poster en in elke link.
          </p>
        </div>
        <board-school-fields .errors=${this.fields}></board-school-fields>
        <h2>Eerste contactpersoon</h2>
        <p class="muted">Elke school heeft een anti-pestcoördinator en een vertrouwenspersoon nodig. Meer mensen voeg je daarna toe.</p>
        <board-contact-fields .errors=${this.contactErrors()}></board-contact-fields>
        ${this.renderError()}
        <div><button class="primary" type="submit" ?disabled=${this.busy}>School opslaan</button></div>
      </form>
    </section>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const slug = this.renderRoot.querySelector<HTMLInputElement>('#slug')!.value.trim();
    const options = this.renderRoot.querySelector<BoardSchoolFields>('board-school-fields')!.read();
    const contact = this.renderRoot.querySelector<BoardContactFields>('board-contact-fields')!.read();
    this.busy = true;
    try {
      const school = await boardApi.addSchool({ slug, ...options, contacts: [contact] });
      boardNavigate(`/beheer/scholen/${school.slug}`);
    } catch (error) {
      this.fields = error instanceof ApiError ? error.body.fields : {};
      this.error = error instanceof ApiError ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('board-school-form', BoardSchoolForm);

declare global {
  interface HTMLElementTagNameMap {
    'board-school-form': BoardSchoolForm;
  }
}
