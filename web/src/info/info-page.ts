import { LitElement, html, nothing, type TemplateResult } from 'lit';
import '../components/read-aloud/read-aloud';
import { isolateNumbers } from '../i18n/bidi';
import { I18nController, infoCatalogReady } from '../i18n/index';
import type { InfoTopic } from '../i18n/catalog';
import { SIGNALS } from '../report/options';
import { sharedStyles } from '../styles/shared';
import { infoPageStyles } from './info-page.styles';
import { loadSchool, type PublicSchool } from './school';

type SchoolState = { state: 'loading' } | { state: 'failed' } | { state: 'loaded'; school: PublicSchool };

/**
 * The protocol's information for pupils and parents: plagen of pesten (the seed's table), the
 * social-media afspraken, who helps (the school's contact table, names and roles only), and for
 * parents the signals and the steps the school takes. `report` (the button at the end) goes back
 * to the form, with every answer still there.
 */
export class InfoPage extends LitElement {
  static override properties = {
    topic: {},
    school: { state: true },
  };

  static override styles = [sharedStyles, infoPageStyles];

  declare topic: InfoTopic;
  declare school: SchoolState;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.topic = 'pesten';
    this.school = { state: 'loading' };
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('topic') && this.topic === 'contacts' && this.school.state !== 'loaded') {
      this.school = { state: 'loading' };
      loadSchool().then(
        (school) => {
          this.school = { state: 'loaded', school };
        },
        () => {
          this.school = { state: 'failed' };
        },
      );
    }
  }

  /** Moves focus to the page's heading, so a screen reader starts reading there. */
  focusTitle(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }

  /** Drawn once its texts are there in the page's language (klikvrij-app asks for them before it opens). */
  protected override shouldUpdate(): boolean {
    return infoCatalogReady();
  }

  override render() {
    const { m } = this.i18n;
    const content = {
      pesten: () => this.renderPesten(),
      social: () => this.renderSocial(),
      contacts: () => this.renderContacts(),
      parents: () => this.renderParents(),
    }[this.topic]();
    const title = this.topic === 'parents' ? this.i18n.info.parents.title : m.info.topics[this.topic];
    return html`<article aria-labelledby="title">
      <h2 id="title" tabindex="-1">${title}</h2>
      <read-aloud .label=${title} .textOf=${() => this.spokenText()}></read-aloud>
      ${content}
      <p class="actions">
        <button type="button" class="primary" @click=${this.close}>${m.info.report}</button>
      </p>
    </article>`;
  }

  /** The page as it reads, without the button under it. */
  private spokenText(): string {
    const article = this.renderRoot.querySelector<HTMLElement>('article');
    const actions = article?.querySelector<HTMLElement>('.actions')?.innerText ?? '';
    return (article?.innerText ?? '').replace(actions, '').trim();
  }

  private renderPesten(): TemplateResult {
    const { pesten } = this.i18n.info;
    return html`<p class="lead">${pesten.lead}</p>
      <table class="stack">
        <caption>${pesten.caption}</caption>
        <thead>
          <tr>
            <th scope="col"><span class="sr-only">${pesten.question}</span></th>
            <th scope="col" class="plagen">${pesten.plagen}</th>
            <th scope="col" class="pesten">${pesten.pesten}</th>
          </tr>
        </thead>
        <tbody>
          ${pesten.rows.map(
            (row) => html`<tr>
              <th scope="row">${row.question}</th>
              <td data-label=${pesten.plagen}>${row.plagen}</td>
              <td data-label=${pesten.pesten}>${row.pesten}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="callout">${pesten.notYourFault}</p>
      <p>${pesten.askHelp}</p>
      <p>${pesten.helpOthers}</p>`;
  }

  private renderSocial(): TemplateResult {
    const { social } = this.i18n.info;
    return html`<p class="lead">${social.lead}</p>
      <ul class="rules">
        ${social.rules.map((rule) => html`<li>${rule}</li>`)}
      </ul>
      <p class="callout">${social.report}</p>`;
  }

  private renderContacts(): TemplateResult {
    const { m } = this.i18n;
    const { contacts } = this.i18n.info;
    let table: TemplateResult;
    if (this.school.state === 'loading') table = html`<p role="status">${contacts.loading}</p>`;
    else if (this.school.state === 'failed') table = html`<p class="error">${contacts.failed}</p>`;
    else {
      table = html`<table class="contacts stack">
        <caption class="sr-only">${this.school.school.name}</caption>
        <thead>
          <tr>
            <th scope="col">${contacts.name}</th>
            <th scope="col">${contacts.role}</th>
          </tr>
        </thead>
        <tbody>
          ${this.school.school.contacts.map(
            (contact) => html`<tr>
              <th scope="row">${contact.name}</th>
              <td>
                <ul class="roles">
                  ${contact.roles.map((role) => html`<li>${contacts.roles[role]}</li>`)}
                </ul>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`;
    }
    return html`<p class="lead">${contacts.lead}</p>
      ${this.school.state === 'loaded' ? html`<p class="school">${this.school.school.name}</p>` : nothing} ${table}
      <h3>${contacts.outside}</h3>
      <ul class="outside">
        <li><a href="tel:08000432"><span>${isolateNumbers(m.help.kindertelefoon)}</span></a> ${isolateNumbers(m.help.kindertelefoonNote)}</li>
        <li><a href="tel:112"><span>${isolateNumbers(m.help.danger)}</span></a></li>
      </ul>`;
  }

  private renderParents(): TemplateResult {
    const { m } = this.i18n;
    const { parents } = this.i18n.info;
    return html`<p class="lead">${parents.lead}</p>
      <h3>${parents.signalsTitle}</h3>
      <p>${parents.signalsLead}</p>
      <ul>
        ${SIGNALS.map((signal) => html`<li>${m.signals.options[signal]}</li>`)}
      </ul>
      <p>${parents.signalsWeigh}</p>
      <h3>${parents.stepsTitle}</h3>
      <p>${parents.stepsLead}</p>
      <ol class="steps">
        ${parents.steps.map((step) => html`<li><strong>${step.label}</strong><br />${step.text}</li>`)}
      </ol>
      <p>${parents.always}</p>
      <p>${parents.yourPart}</p>`;
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('info-close', { bubbles: true, composed: true }));
  }
}

customElements.define('info-page', InfoPage);

declare global {
  interface HTMLElementTagNameMap {
    'info-page': InfoPage;
  }
  interface HTMLElementEventMap {
    'info-close': CustomEvent<undefined>;
  }
}
