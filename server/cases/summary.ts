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
import { oneLine, quoted } from '../../templates/plain-text.js';
import { formatStoredDutch } from '../schools/school-days.js';


/**
 * The case as plain text for the leerlingdossier in Parnassys (which has no API): staff copy it
 * with one button. Everything staff may see of the case goes in, the messages with the reporter too.
 * The reporter's short answers are one line each, and their story and every message are quoted, so no
 * line of theirs reads as the school's.
 */
export function parnassysSummary(view: Omit<CaseResponse, 'summary'>): string {
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  add(`Melding pesten via klikvrij, nummer ${view.id} – ${view.school.name}`);
  add(`Ontvangen: ${formatStoredDutch(view.receivedAt)}`);
  if (view.urgent) add(`DRINGEND: ${urgencyText(view)}.`);
  const reporter = view.reporter.anonymous
    ? `${ROLE_LABELS[view.reporter.role] ?? view.reporter.role}, anoniem`
    : [
        ROLE_LABELS[view.reporter.role] ?? view.reporter.role,
        view.reporter.name !== null ? oneLine(view.reporter.name) : 'naam niet ingevuld',
        view.reporter.group !== null ? `groep ${view.reporter.group}` : '',
      ]
        .filter(Boolean)
        .join(', ');
  add(`Gemeld door: ${reporter}`);
  if (view.source !== 'form') add(`Binnengekomen: ${SOURCE_LABELS[view.source] ?? view.source}, vastgelegd door de school`);
  if (view.confidential) add('Alleen voor de vertrouwenspersoon bestemd.');
  add(`Status: ${STATUS_LABELS[view.status] ?? view.status}${view.closedAs ? ` (${CLOSE_LABELS[view.closedAs as CloseOutcome]})` : ''}`);
  add(`Behandeld door: ${view.assignee ? view.assignee.name : 'niemand toegewezen'}`);
  add('');
  add(`Wat: ${labelsOf(KIND_LABELS, view.kinds)}`);
  add(`Waar: ${labelsOf(PLACE_LABELS, view.places)}`);
  if (view.platforms.length > 0) add(`Online: ${labelsOf(PLATFORM_LABELS, view.platforms)}`);
  add(`Hoe vaak: ${view.frequency ? FREQUENCY_LABELS[view.frequency] ?? view.frequency : 'niet ingevuld'}`);
  add(`Sinds wanneer: ${view.since ? SINCE_LABELS[view.since] ?? view.since : 'niet ingevuld'}`);
  if (view.target) add(`Bij wie: ${oneLine(view.target)}`);
  if (view.perpetrators) add(`Door wie: ${oneLine(view.perpetrators)}`);
  if (view.signals.length > 0) add(`Signalen van pesten: ${labelsOf(SIGNAL_LABELS, view.signals)}`);
  add('', 'Wat er gebeurd is (in de woorden van de melder):', view.description !== null ? quoted(view.description) : '(verwijderd)', '');
  add('Plagen of pesten (antwoorden van de melder):');
  for (const criterion of view.criteria) {
    const answer = criterion.answer === null ? 'niet beantwoord' : criterion.answer === 'pesten' ? criterion.pesten : criterion.plagen;
    add(`- ${criterion.plagen} / ${criterion.pesten}: ${answer}`);
  }
  add(`Indicatie uit de antwoorden: ${INDICATION_LABELS[view.indication] ?? view.indication}`);
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
  if (view.messages.length > 0) {
    add('', 'Berichten met de melder:');
    for (const message of view.messages) {
      const from = message.from === 'school' ? `school${message.by ? ` (${message.by})` : ''}` : 'melder';
      add(`- ${formatStoredDutch(message.at)}, van ${from}:`, quoted(message.text));
    }
  }
  if (view.closedAt) add('', `Afgesloten: ${formatStoredDutch(view.closedAt)}`);
  return lines.join('\n');
}
