import { css, html, type PropertyValues } from 'lit';
import { api, ApiError, type InvitationsResponse } from '../../api';
import { StaffActionElement } from '../../action-element';
import { staffStyles } from '../../staff-styles';

/**
 * The class teachers on this case: who is invited, whether they see the reporter's name, and (for the
 * anti-pestcoördinator, or the vertrouwenspersoon on a VP-only case) inviting and withdrawing.
 */
export class StaffTeacherInvitations extends StaffActionElement {
  static override properties = {
    reportId: { type: Number },
    data: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      ul {
        margin: 0 0 1rem;
        padding-inline-start: 1.2rem;
      }
      form {
        display: grid;
        gap: 0.5rem;
      }
    `,
  ];

  declare reportId: number;
  declare data: InvitationsResponse | undefined;

  constructor() {
    super();
    this.reportId = 0;
    this.data = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reportId') && this.reportId) void this.run(async () => void (this.data = await api.invitations(this.reportId)));
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
      this.error = '';
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const d = this.data;
    if (!d) return html`<section class="panel"><h2>Leerkracht</h2>${this.renderError()}</section>`;
    const invitedIds = new Set(d.invitations.map((invitation) => invitation.teacherId));
    const choices = d.teachers.filter((teacher) => !invitedIds.has(teacher.id));
    return html`<section class="panel" aria-labelledby="teacher-title">
      <h2 id="teacher-title">Leerkracht</h2>
      <p class="muted small">De leerkracht ziet alleen deze melding: wat er gebeurde en de stappen. Niet de berichten met de melder.</p>
      ${d.invitations.length === 0
        ? html`<p>Nog geen leerkracht uitgenodigd.</p>`
        : html`<ul>
            ${d.invitations.map(
              (invitation) => html`<li>
                <strong>${invitation.name}</strong> (groep ${invitation.groep}), uitgenodigd door ${invitation.invitedBy}
                ${d.canInvite
                  ? html`<div>
                      <label>
                        <input
                          type="checkbox"
                          .checked=${invitation.shareIdentity}
                          ?disabled=${this.busy}
                          @change=${(event: Event) => this.share(invitation.id, (event.target as HTMLInputElement).checked)}
                        />
                        Mag de naam van de melder zien
                      </label>
                      <button type="button" ?disabled=${this.busy} @click=${() => this.withdraw(invitation.id)}>
                        Uitnodiging intrekken<span class="sr-only"> — ${invitation.name}</span>
                      </button>
                    </div>`
                  : html`${invitation.shareIdentity ? ' — ziet de naam van de melder' : ''}`}
              </li>`,
            )}
          </ul>`}
      ${d.canInvite && choices.length > 0
        ? html`<form @submit=${this.invite} aria-label="Leerkracht uitnodigen">
            <label for="invite-teacher">Nodig een leerkracht uit</label>
            <select id="invite-teacher">
              ${choices.map(
                (teacher) =>
                  html`<option value=${teacher.id}>${teacher.name} (groep ${teacher.groep})${teacher.ofTheGroep ? ' — groep van de melder' : ''}</option>`,
              )}
            </select>
            <label><input id="invite-share" type="checkbox" /> Mag de naam van de melder zien</label>
            <div><button type="submit" ?disabled=${this.busy}>Uitnodigen</button></div>
          </form>`
        : ''}
      ${d.canInvite && d.teachers.length === 0
        ? html`<p class="muted small">Er staan nog geen leerkrachten op de lijst. De directeur zet ze erop.</p>`
        : ''}
      ${this.renderError()}
    </section>`;
  }

  private async invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const teacherId = Number(this.renderRoot.querySelector<HTMLSelectElement>('#invite-teacher')!.value);
    const share = this.renderRoot.querySelector<HTMLInputElement>('#invite-share')!.checked;
    await this.run(async () => void (this.data = await api.invite(this.reportId, teacherId, share)));
  }

  private async share(invitationId: number, share: boolean): Promise<void> {
    await this.run(async () => void (this.data = await api.shareIdentity(this.reportId, invitationId, share)));
  }

  private async withdraw(invitationId: number): Promise<void> {
    await this.run(async () => void (this.data = await api.withdrawInvitation(this.reportId, invitationId)));
  }
}

customElements.define('staff-teacher-invitations', StaffTeacherInvitations);

declare global {
  interface HTMLElementTagNameMap {
    'staff-teacher-invitations': StaffTeacherInvitations;
  }
}
