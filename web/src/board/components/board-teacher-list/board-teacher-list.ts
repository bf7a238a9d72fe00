import { css, html } from 'lit';
import { BoardFormElement } from '../../form-element';
import { staffStyles } from '../../../staff/staff-styles';
import { boardTableStyles } from '../../board-styles';
import type { TeacherListResponse } from '../../../../../server/shared/teachers';

/** How the page that shows the list changes it (the board's API or the staff portal's), returning the new list. */
type TeacherInput = { name: string; email: string; groep: string };

export interface TeacherListEditor {
  load(): Promise<TeacherListResponse>;
  add(body: TeacherInput): Promise<TeacherListResponse>;
  /** A new groep for the new school year, or a typo put right: the teacher keeps their invitations. */
  change(id: number, body: TeacherInput): Promise<TeacherListResponse>;
  remove(id: number): Promise<TeacherListResponse>;
}

/**
 * The school's class teachers (leerkrachten): name, address, groep. The coordinator invites one to a
 * case from this list. In /beheer for the board admin and in the staff portal for the directeur.
 */
export class BoardTeacherList extends BoardFormElement {
  static override properties = {
    editor: { attribute: false },
    list: { state: true },
    editing: { state: true },
  };

  static override styles = [
    staffStyles,
    boardTableStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 1rem;
        max-width: 28rem;
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  declare editor: TeacherListEditor;
  declare list: TeacherListResponse | undefined;
  /** The teacher whose row the form changes; null: the form adds one. */
  declare editing: number | null;

  constructor() {
    super();
    this.list = undefined;
    this.editing = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.run(async () => {
      this.list = await this.editor.load();
    });
  }

  private fieldError(name: string) {
    const message = this.fields[name];
    return message ? html`<p class="error" id="teacher-${name}-error" role="alert">${message}</p>` : '';
  }

  override render() {
    const teachers = this.list?.teachers ?? [];
    const editing = teachers.find((teacher) => teacher.id === this.editing);
    return html`<section class="panel" aria-labelledby="teachers-title">
      <h2 id="teachers-title">Leerkrachten</h2>
      <p class="muted">De anti-pestcoördinator kan een leerkracht uitnodigen bij een melding. De leerkracht ziet alleen die melding.</p>
      ${teachers.length === 0
        ? html`<p class="muted">Nog geen leerkrachten.</p>`
        : html`<table>
            <thead>
              <tr><th scope="col">Naam</th><th scope="col">E-mailadres</th><th scope="col">Groep</th><th scope="col"><span class="sr-only">Acties</span></th></tr>
            </thead>
            <tbody>
              ${teachers.map(
                (teacher) => html`<tr>
                  <td>${teacher.name}</td>
                  <td>${teacher.email}</td>
                  <td>${teacher.groep}</td>
                  <td>
                    <div class="actions">
                      <button type="button" data-teacher=${teacher.id} @click=${() => this.edit(teacher.id)}>
                        Wijzigen<span class="sr-only"> — ${teacher.name}</span>
                      </button>
                      <button type="button" ?disabled=${this.busy} @click=${() => this.removeTeacher(teacher.id)}>
                        Weghalen<span class="sr-only"> — ${teacher.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
      <form @submit=${this.submit} novalidate aria-label=${editing ? `${editing.name} wijzigen` : 'Leerkracht toevoegen'}>
        ${editing ? html`<h3>${editing.name} wijzigen</h3>` : ''}
        <div>
          <label for="teacher-name">Naam van de leerkracht</label>
          <input id="teacher-name" autocomplete="off" .value=${editing?.name ?? ''} aria-describedby=${this.fields.name ? 'teacher-name-error' : ''} />
          ${this.fieldError('name')}
        </div>
        <div>
          <label for="teacher-email">Mailadres van de leerkracht</label>
          <input
            id="teacher-email"
            type="email"
            autocomplete="off"
            .value=${editing?.email ?? ''}
            aria-describedby=${this.fields.email ? 'teacher-email-error' : ''}
          />
          ${this.fieldError('email')}
        </div>
        <div>
          <label for="teacher-groep">Groep (bijvoorbeeld 5 of 7/8)</label>
          <input id="teacher-groep" autocomplete="off" .value=${editing?.groep ?? ''} aria-describedby=${this.fields.groep ? 'teacher-groep-error' : ''} />
          ${this.fieldError('groep')}
        </div>
        ${this.renderError()}
        ${editing
          ? html`<p class="small muted">De leerkracht houdt de meldingen waarvoor die is uitgenodigd.</p>
              <div class="actions">
                <button class="primary" type="submit" ?disabled=${this.busy}>Opslaan</button>
                <button type="button" @click=${() => this.edit(null)}>Annuleren</button>
              </div>`
          : html`<div><button type="submit" ?disabled=${this.busy}>Leerkracht toevoegen</button></div>`}
      </form>
    </section>`;
  }


  private edit(id: number | null): void {
    this.editing = id;
    this.fields = {};
    this.error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#teacher-name')?.focus());
  }

  /** Adds a teacher, or changes the one being edited; a refusal keeps what was typed, with its message per field. */
  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
    const body = { name: input('teacher-name').value, email: input('teacher-email').value.trim(), groep: input('teacher-groep').value };
    const editing = this.editing;
    const saved = await this.run(async () => {
      this.list = editing === null ? await this.editor.add(body) : await this.editor.change(editing, body);
    });
    if (!saved) return;
    this.editing = null;
    for (const id of ['teacher-name', 'teacher-email', 'teacher-groep']) input(id).value = '';
    // The focus goes back to the changed row's button, not to the top of the page.
    if (editing !== null) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>(`button[data-teacher="${editing}"]`)?.focus();
    }
  }

  private async removeTeacher(id: number): Promise<void> {
    await this.run(async () => void (this.list = await this.editor.remove(id)));
  }
}

customElements.define('board-teacher-list', BoardTeacherList);

declare global {
  interface HTMLElementTagNameMap {
    'board-teacher-list': BoardTeacherList;
  }
}
