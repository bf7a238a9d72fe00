import { css, html } from 'lit';
import { StaffCasePanel } from '../../action-element';
import { inlineFormStyles, staffStyles } from '../../staff-styles';

/** Who handles the case; handing it over mails the new colleague. */
export class StaffAssignment extends StaffCasePanel {
  static override styles = [
    staffStyles,
    inlineFormStyles,
    css`
      form > div {
        flex: 1 1 12rem;
      }
    `,
  ];

  override render() {
    const d = this.data;
    const locked = d.status === 'closed' || d.purgedAt !== null;
    return html`
      <section class="panel" aria-labelledby="assign-title">
        <h2 id="assign-title">Wie pakt het op</h2>
        <p>${d.assignee ? html`Nu bij <strong>${d.assignee.name}</strong>.` : html`<span class="muted">Nog niemand.</span>`}</p>
        ${locked
          ? ''
          : html`<form @submit=${this.submit}>
              <div>
                <label for="assignee">Overdragen aan</label>
                <select id="assignee" name="assignee">
                  <option value="">Niemand</option>
                  ${d.assignable.map(
                    (member) => html`<option value=${member.email} ?selected=${d.assignee?.email === member.email}>${member.name}</option>`,
                  )}
                </select>
              </div>
              <button type="submit" ?disabled=${this.busy}>Opslaan</button>
            </form>`}
        ${this.renderError()}
      </section>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('assignee') ?? '');
    await this.changeCase('PUT', 'assignee', { email: value || null });
  }
}

customElements.define('staff-assignment', StaffAssignment);

declare global {
  interface HTMLElementTagNameMap {
    'staff-assignment': StaffAssignment;
  }
}
