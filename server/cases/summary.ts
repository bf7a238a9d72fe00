import {
  FREQUENCY_LABELS,
  INDICATION_LABELS,
  KIND_LABELS,
  labelsOf,
  PLACE_LABELS,
  PLATFORM_LABELS,
  ROLE_LABELS,
  SINCE_LABELS,
  SIGNAL_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  urgencyText,
} from '../shared/labels.js';
import { CLOSE_LABELS, REFERRAL_LABELS, STEP_LABELS, type CloseOutcome, type Referral, type Step } from '../shared/protocol.js';
import type { CaseResponse } from '../shared/staff-responses.js';
import { IDENTITY_WITHHELD } from '../shared/teachers.js';
import { oneLine, quoted } from '../../templates/plain-text.js';
import { formatStoredDutch } from '../schools/school-days.js';


/**
 * The case as plain text for the leerlingdossier in Parnassys (which has no API): staff copy it
 * with one button. Everything staff may see of the case goes in, the messages with the reporter too.
 * The reporter's short answers are one line each, and their story and every message are quoted, so no
 * line of theirs reads as the school's.
 */
export function parnassysSummary(view: Omit<CaseResponse, 'summary'>, others: readonly ReportPart[] = []): string {
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  add(`Melding pesten via klikvrij, nummer ${view.id} – ${view.school.name}`);
  if (view.caseReports.length > 1) {
    add(`Eén zaak met ${view.caseReports.length} meldingen: ${view.caseReports.map((report) => report.id).join(', ')}`);
  }
  add(`Ontvangen: ${formatStoredDutch(view.receivedAt)}`);
  if (view.urgent) add(`DRINGEND: ${urgencyText(view)}.`);
  add(`Gemeld door: ${reporterOf(view)}`);
  if (view.source !== 'form') add(`Binnengekomen: ${SOURCE_LABELS[view.source] ?? view.source}, vastgelegd door de school`);
  if (view.confidential) add('Alleen voor de vertrouwenspersoon bestemd.');
  add(`Status: ${STATUS_LABELS[view.status] ?? view.status}${view.closedAs ? ` (${CLOSE_LABELS[view.closedAs as CloseOutcome]})` : ''}`);
  add(`Behandeld door: ${view.assignee ? view.assignee.name : 'niemand toegewezen'}`);
  if (view.followUpOn) add(`Terugkijken op: ${formatStoredDutch(view.followUpOn)}`);
  add('');
  add(...answerLines(view));
  if (view.staffIndication) {
    add(`Oordeel school: ${INDICATION_LABELS[view.staffIndication]} (${view.indicationBy ?? ''}, ${view.indicationAt ? formatStoredDutch(view.indicationAt) : ''})`);
  }
  if (view.steps.length > 0) {
    add('', 'Stappen anti-pestprotocol:');
    for (const step of view.steps) {
      const referral = step.referral ? ` – verwezen naar ${REFERRAL_LABELS[step.referral as Referral]}` : '';
      add(`- ${formatStoredDutch(step.at)}: ${STEP_LABELS[step.step as Step]}${referral} (${step.by})${step.note ? `: ${step.note}` : ''}`);
    }
  }
  for (const list of view.checklists) {
    const ticked = list.items.filter((item) => item.tickedAt !== null);
    if (ticked.length === 0) continue;
    add('', `${list.title}:`);
    for (const item of ticked) add(`- [x] ${item.text} (${item.tickedBy}, ${formatStoredDutch(item.tickedAt!)})`);
  }
  if (view.notes.length > 0) {
    add('', 'Notities:');
    for (const note of view.notes) add(`- ${formatStoredDutch(note.at)} (${note.by}): ${note.text}`);
  }
  add(...messageLines(view));
  for (const other of others) {
    add('', `Gekoppelde melding ${other.id}, ontvangen ${formatStoredDutch(other.receivedAt)}`);
    if (other.urgent) add(`DRINGEND: ${urgencyText(other)}.`);
    add(`Gemeld door: ${reporterOf(other)}`);
    if (other.source !== 'form') add(`Binnengekomen: ${SOURCE_LABELS[other.source] ?? other.source}, vastgelegd door de school`);
    add(...answerLines(other));
    add(...messageLines(other));
  }
  if (view.closedAt) add('', `Afgesloten: ${formatStoredDutch(view.closedAt)}`);
  return lines.join('\n');
}

/** What each report of a case holds of its own (see reportPart in case-file.ts). */
export type ReportPart = Pick<
  CaseResponse,
  | 'id'
  | 'urgent'
  | 'inDanger'
  | 'afraidOfSchool'
  | 'receivedAt'
  | 'source'
  | 'signals'
  | 'reporter'
  | 'description'
  | 'kinds'
  | 'places'
  | 'platforms'
  | 'frequency'
  | 'since'
  | 'target'
  | 'perpetrators'
  | 'criteria'
  | 'indication'
  | 'messages'
>;

function reporterOf(part: ReportPart): string {
  if (part.reporter.anonymous) return `${ROLE_LABELS[part.reporter.role] ?? part.reporter.role}, anoniem`;
  return [
    ROLE_LABELS[part.reporter.role] ?? part.reporter.role,
    part.reporter.name !== null ? oneLine(part.reporter.name) : part.reporter.identityWithheld ? IDENTITY_WITHHELD : 'naam niet ingevuld',
    part.reporter.group !== null ? `groep ${part.reporter.group}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** The reporter's answers, their story quoted, and the indication the answers give. */
function answerLines(part: ReportPart): string[] {
  const lines = [`Wat: ${labelsOf(KIND_LABELS, part.kinds)}`, `Waar: ${labelsOf(PLACE_LABELS, part.places)}`];
  if (part.platforms.length > 0) lines.push(`Online: ${labelsOf(PLATFORM_LABELS, part.platforms)}`);
  lines.push(`Hoe vaak: ${part.frequency ? FREQUENCY_LABELS[part.frequency] ?? part.frequency : 'niet ingevuld'}`);
  lines.push(`Sinds wanneer: ${part.since ? SINCE_LABELS[part.since] ?? part.since : 'niet ingevuld'}`);
  if (part.target) lines.push(`Bij wie: ${oneLine(part.target)}`);
  if (part.perpetrators) lines.push(`Door wie: ${oneLine(part.perpetrators)}`);
  if (part.signals.length > 0) lines.push(`Signalen van pesten: ${labelsOf(SIGNAL_LABELS, part.signals)}`);
  lines.push('', 'Wat er gebeurd is (in de woorden van de melder):', part.description !== null ? quoted(part.description) : '(verwijderd)', '');
  lines.push('Plagen of pesten (antwoorden van de melder):');
  for (const criterion of part.criteria) {
    const answer = criterion.answer === null ? 'niet beantwoord' : criterion.answer === 'pesten' ? criterion.pesten : criterion.plagen;
    lines.push(`- ${criterion.plagen} / ${criterion.pesten}: ${answer}`);
  }
  lines.push(`Indicatie uit de antwoorden: ${INDICATION_LABELS[part.indication] ?? part.indication}`);
  return lines;
}

function messageLines(part: ReportPart): string[] {
  if (part.messages.length === 0) return [];
  const lines = ['', 'Berichten met de melder:'];
  for (const message of part.messages) {
    const from = message.from === 'school' ? `school${message.by ? ` (${message.by})` : ''}` : 'melder';
    lines.push(`- ${formatStoredDutch(message.at)}, van ${from}:`, quoted(message.text));
  }
  return lines;
}
