import { LitElement, html } from 'lit';
import { api } from '../../api';
import { staffStyles } from '../../staff-styles';
import '../../../board/components/board-teacher-list/board-teacher-list';
import type { TeacherListEditor } from '../../../board/components/board-teacher-list/board-teacher-list';

/** The teacher list page (/staff/leerkrachten) for the directeur: the same list the board keeps in /beheer. */
export class StaffTeacherList extends LitElement {
  static override styles = [staffStyles];

  private readonly editor: TeacherListEditor = {
    load: () => api.teachers(),
    add: (body) => api.addTeacher(body),
    change: (id, body) => api.changeTeacher(id, body),
    remove: (id) => api.removeTeacher(id),
  };

  override render() {
    return html`<h1>Leerkrachten</h1>
      <board-teacher-list .editor=${this.editor}></board-teacher-list>`;
  }
}

customElements.define('staff-teacher-list', StaffTeacherList);

declare global {
  interface HTMLElementTagNameMap {
    'staff-teacher-list': StaffTeacherList;
  }
}
