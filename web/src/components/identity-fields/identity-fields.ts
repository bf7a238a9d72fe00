import { LitElement, html, nothing } from 'lit';
import { MAX_EMAIL_LENGTH, MAX_SHORT_TEXT_LENGTH } from '../../../../server/shared/limits';
import { I18nController } from '../../i18n/index';
import { draftChange, type FieldErrors } from '../../report/draft';
import { GROUPS, pick, type Role } from '../../report/options';
import { IDENTITY_PICTOGRAMS } from '../../report/pictograms';
import { sharedStyles } from '../../styles/shared';
import type { ChoiceChangeDetail } from '../choice-group/choice-group';
import '../choice-group/choice-group';
import type { TextChangeDetail } from '../text-field/text-field';
import '../text-field/text-field';
import { identityFieldsStyles } from './identity-fields.styles';
import { format } from '../../i18n/format';

/**
 * "Do you want to give your name?" Anonymous is the default; name, group and e-mail only on request.
 * A parent is asked their child's group, a pupil their own.
 */
export class IdentityFields extends LitElement {
  static override properties = {
    reporterRole: { attribute: false },
    anonymous: { type: Boolean },
    hideLegend: { type: Boolean, attribute: 'hide-legend' },
    name: {},
    group: {},
    email: {},
    notifyOnAnswer: { type: Boolean, attribute: false },
    errors: { attribute: false },
  };

  static override styles = [sharedStyles, identityFieldsStyles];

  /** Who reports: a parent is asked their child's group. */
  declare reporterRole: Role | undefined;
  declare anonymous: boolean;
  declare hideLegend: boolean;
  declare name: string;
  declare group: string;
  declare email: string;
  declare notifyOnAnswer: boolean;
  declare errors: FieldErrors;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.reporterRole = undefined;
    this.anonymous = true;
    this.hideLegend = false;
    this.name = '';
    this.group = '';
    this.email = '';
    this.notifyOnAnswer = false;
    this.errors = {};
  }

  override render() {
    const { m } = this.i18n;
    return html`
      <choice-group
        legend=${m.identity.legend}
        hint=${m.identity.hint}
        ?hide-legend=${this.hideLegend}
        .options=${[
          { value: 'anonymous', label: m.identity.anonymous, pictogram: IDENTITY_PICTOGRAMS.anonymous },
          { value: 'named', label: m.identity.named, pictogram: IDENTITY_PICTOGRAMS.named },
        ]}
        .selected=${[this.anonymous ? 'anonymous' : 'named']}
        error=${this.errors.anonymous ?? ''}
        @choice-change=${(event: CustomEvent<ChoiceChangeDetail>) =>
          this.dispatchEvent(draftChange({ anonymous: !event.detail.values.includes('named') }))}
      ></choice-group>
      ${this.anonymous ? nothing : this.renderDetails()}
    `;
  }

  private renderDetails() {
    const { m } = this.i18n;
    const groupError = this.errors.group ?? '';
    return html`
      <div class="details">
        <text-field
          label=${m.identity.name}
          .pictogram=${IDENTITY_PICTOGRAMS.named}
          autocomplete="name"
          .value=${this.name}
          .maxlength=${MAX_SHORT_TEXT_LENGTH}
          error=${this.errors.name ?? ''}
          @text-change=${(event: CustomEvent<TextChangeDetail>) =>
            this.dispatchEvent(draftChange({ name: event.detail.value }))}
        ></text-field>
        <div>
          <label class="label" for="group"
            ><svg class="label-pictogram" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${IDENTITY_PICTOGRAMS.group}</svg
            >${m.identity.group[this.reporterRole === 'parent' ? 'parent' : 'pupil']}</label
          >
          <select
            id="group"
            aria-describedby=${groupError ? 'group-error' : nothing}
            aria-invalid=${groupError ? 'true' : nothing}
            @change=${this.onGroupChange}
          >
            <option value="" ?selected=${this.group === ''}>${m.identity.groupNone}</option>
            ${GROUPS.map(
              (group) =>
                html`<option value=${group} ?selected=${this.group === group}>${format(m.identity.groupOption, { group })}</option>`,
            )}
          </select>
          ${groupError ? html`<p class="error" id="group-error">${groupError}</p>` : nothing}
        </div>
        <text-field
          label=${m.identity.email}
          .pictogram=${IDENTITY_PICTOGRAMS.email}
          hint=${m.identity.emailHint}
          type="email"
          autocomplete="email"
          .value=${this.email}
          .maxlength=${MAX_EMAIL_LENGTH}
          error=${this.errors.email ?? ''}
          @text-change=${(event: CustomEvent<TextChangeDetail>) =>
            this.dispatchEvent(draftChange({ email: event.detail.value }))}
        ></text-field>
        ${this.email.trim() === '' ? nothing : this.renderNotifyChoice()}
      </div>
    `;
  }

  private renderNotifyChoice() {
    const { m } = this.i18n;
    return html`<choice-group
      multiple
      legend=${m.identity.notifyLegend}
      .options=${[{ value: 'notify', label: m.identity.notifyOnAnswer, pictogram: IDENTITY_PICTOGRAMS.email }]}
      .selected=${this.notifyOnAnswer ? ['notify'] : []}
      @choice-change=${(event: CustomEvent<ChoiceChangeDetail>) =>
        this.dispatchEvent(draftChange({ notifyOnAnswer: event.detail.values.includes('notify') }))}
    ></choice-group>`;
  }

  private onGroupChange(event: Event): void {
    const { value } = event.target as HTMLSelectElement;
    this.dispatchEvent(draftChange({ group: pick(GROUPS, [value])[0] ?? '' }));
  }
}

customElements.define('identity-fields', IdentityFields);

declare global {
  interface HTMLElementTagNameMap {
    'identity-fields': IdentityFields;
  }
}
