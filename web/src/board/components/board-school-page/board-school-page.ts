import { css, html } from 'lit';
import { StaffActionElement } from '../../../staff/action-element';
import { staffStyles } from '../../../staff/staff-styles';
import { ApiError, boardApi, type BoardSchool } from '../../api';
import '../board-contact-table/board-contact-table';
import '../board-days-off/board-days-off';
import '../board-teacher-list/board-teacher-list';
import type { TeacherListEditor } from '../board-teacher-list/board-teacher-list';
import type { DayOffEditor } from '../board-days-off/board-days-off';
import '../school-year-status/school-year-status';
import '../board-school-fields/board-school-fields';
import type { BoardSchoolFields } from '../board-school-fields/board-school-fields';

/** One school: its form address, its options, and its contact table. */
export class BoardSchoolPage extends StaffActionElement {
  static override properties = {
    slug: {},
    school: { state: true },
    defaultRetentionMonths: { state: true },
    fields: { state: true },
    saved: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }

      form {
        display: grid;
        gap: 0.75rem;
      }
    `,
  ];

  declare slug: string;
  declare school: BoardSchool | undefined;
  declare defaultRetentionMonths: number;
  declare fields: Record<string, string>;
  declare saved: string;

  constructor() {
    super();
    this.slug = '';
    this.school = undefined;
    this.defaultRetentionMonths = 12;
    this.fields = {};
    this.saved = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    boardApi.schools().then(
      (data) => {
        this.defaultRetentionMonths = data.defaultRetentionMonths;
        this.school = data.schools.find((school) => school.slug === this.slug);
        if (!this.school) this.error = 'Deze school bestaat niet.';
      },
      (error: unknown) => (this.error = error instanceof ApiError ? error.message : String(error)),
    );
  }

  private readonly teacherEditor: TeacherListEditor = {
    load: () => boardApi.teachers(this.slug),
    add: (body) => boardApi.addTeacher(this.slug, body),
    change: (id, body) => boardApi.changeTeacher(this.slug, id, body),
    remove: (id) => boardApi.removeTeacher(this.slug, id),
  };

  override render() {
    if (!this.school) return this.error ? this.renderError() : html`<p class="muted" role="status">Even laden…</p>`;
    const school = this.school;
    return html`
      <section class="panel" aria-labelledby="title">
        <h1 id="title">${school.name}</h1>
        <p>Adres van het meldformulier: <a href=${school.formUrl}>${school.formUrl}</a></p>
        <p><a href=${`/beheer/scholen/${school.slug}/poster`}>Poster met QR-code (A4, Nederlands en Engels)</a></p>
        <form @submit=${this.save} novalidate aria-label="Gegevens van de school">
          <board-school-fields .school=${school} .errors=${this.fields} .defaultRetentionMonths=${this.defaultRetentionMonths}></board-school-fields>
          ${this.renderError()} ${this.saved ? html`<p class="notice" role="status">${this.saved}</p>` : ''}
          <div><button class="primary" type="submit" ?disabled=${this.busy}>Gegevens opslaan</button></div>
        </form>
      </section>
      <board-contact-table .school=${school} @board-school-changed=${this.changed}></board-contact-table>
      <school-year-status .status=${school.schoolYear} schoolName=${school.name} .confirm=${this.confirmYear}></school-year-status>
      <board-days-off .calendar=${school} .editor=${this.dayOffEditor}></board-days-off>
      <board-teacher-list .editor=${this.teacherEditor}></board-teacher-list>
    `;
  }

  private readonly changed = (event: CustomEvent<BoardSchool>): void => {
    this.school = event.detail;
  };

  private readonly confirmYear = async (): Promise<void> => {
    this.school = await boardApi.confirmSchoolYear(this.slug);
  };

  private readonly dayOffEditor: DayOffEditor = {
    add: async (body) => {
      this.school = await boardApi.addDayOff(this.slug, body);
    },
    remove: async (id) => {
      this.school = await boardApi.removeDayOff(this.slug, id);
    },
  };

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const options = this.renderRoot.querySelector<BoardSchoolFields>('board-school-fields')!.read();
    this.busy = true;
    this.saved = '';
    try {
      this.school = await boardApi.changeSchool(this.slug, options);
      this.fields = {};
      this.error = '';
      this.saved = 'Opgeslagen.';
    } catch (error) {
      this.fields = error instanceof ApiError ? error.body.fields : {};
      this.error = error instanceof ApiError ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('board-school-page', BoardSchoolPage);

declare global {
  interface HTMLElementTagNameMap {
    'board-school-page': BoardSchoolPage;
  }
}
