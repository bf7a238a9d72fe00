// The draft survives a reload or a crashed tab while the tab lives: it is kept in sessionStorage,
// which belongs to this one tab and goes when the tab is closed. Never localStorage: on a shared
// Chromebook nothing of a report may stay for the next child. Snel weg and sending remove it.
// Screenshots are not kept (files cannot be stored there); they are picked again after a reload.
import { STEP_IDS, type StepId } from './flow';
import { emptyDraft, type ReportDraft } from './draft';

const KEY = 'klikvrij-draft';

export interface StoredDraft {
  draft: ReportDraft;
  step: StepId;
  returnToSummary: boolean;
}

export function saveDraft({ draft, step, returnToSummary }: StoredDraft): void {
  const { screenshots: _files, ...kept } = draft;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ draft: kept, step, returnToSummary }));
  } catch {
    // Storage refused (full, or switched off): the draft still lives in the page.
  }
}

export function loadDraft(): StoredDraft | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<StoredDraft> | null;
    if (!stored || typeof stored.draft !== 'object' || !STEP_IDS.some((step) => step === stored.step)) return undefined;
    return {
      draft: { ...emptyDraft(), ...stored.draft, screenshots: [] },
      step: stored.step as StepId,
      returnToSummary: stored.returnToSummary === true,
    };
  } catch {
    return undefined;
  }
}

export function forgetDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing could be stored either.
  }
}
