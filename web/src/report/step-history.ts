// One browser history entry per screen of the report, so that Back (the button, the browser's, the
// Android gesture) steps through the questions instead of leaving the site. The entries all have
// the page's own address; only their state says which screen they are.
import { STEP_IDS, type StepId } from './flow';

interface StepState {
  klikvrijStep: StepId;
  /** How many entries this page added before this one: Snel weg goes back over all of them. */
  klikvrijDepth: number;
  /** An information page open over that screen: an entry of its own, so Back closes it again. */
  klikvrijInfo?: string;
}

function isStepState(state: unknown): state is StepState {
  const candidate = (typeof state === 'object' && state !== null ? state : {}) as Partial<StepState>;
  return STEP_IDS.some((step) => step === candidate.klikvrijStep) && Number.isInteger(candidate.klikvrijDepth);
}

/** The screen a history entry stands for, or undefined when it is not one of ours. */
export function stepOf(state: unknown): StepId | undefined {
  return isStepState(state) ? state.klikvrijStep : undefined;
}

/** How many entries back the page's first one is. */
export function stepDepth(): number {
  return isStepState(history.state) ? history.state.klikvrijDepth : 0;
}

/** Marks the current entry as `step` (the first screen, or a reload), keeping its depth. */
export function markStep(step: StepId): void {
  history.replaceState({ klikvrijStep: step, klikvrijDepth: stepDepth() } satisfies StepState, '');
}

/** A new entry for a screen the reporter moved on to. */
export function pushStep(step: StepId): void {
  history.pushState({ klikvrijStep: step, klikvrijDepth: stepDepth() + 1 } satisfies StepState, '');
}

/**
 * An entry for an information page opened over the current screen (the same screen, one deeper), so
 * Back or Android's gesture closes it rather than moving the hidden form back a question. Another page
 * opened from it takes its entry.
 */
export function pushInfo(topic: string): void {
  const current = isStepState(history.state) ? history.state : undefined;
  const step = current?.klikvrijStep ?? 'role';
  if (current?.klikvrijInfo) {
    history.replaceState({ ...current, klikvrijInfo: topic } satisfies StepState, '');
  } else {
    history.pushState({ klikvrijStep: step, klikvrijDepth: stepDepth() + 1, klikvrijInfo: topic } satisfies StepState, '');
  }
}

/** The information page a history entry stands for, or undefined. */
export function infoOf(state: unknown): string | undefined {
  return isStepState(state) ? state.klikvrijInfo : undefined;
}

/**
 * Goes back to the page's first entry, then calls `then` there (Snel weg replaces that entry):
 * Back from the neutral page does not lead to any of the questions.
 */
export function unwindSteps(then: () => void): void {
  const depth = stepDepth();
  if (depth === 0) {
    then();
    return;
  }
  window.addEventListener('popstate', () => then(), { once: true });
  history.go(-depth);
}
