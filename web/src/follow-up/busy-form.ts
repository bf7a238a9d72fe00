// The base of the follow-up page's forms: one submit at a time (`busy` disables the button), and a
// problem that is shown as an alert with the focus on it, so a screen reader reads it out.
import { LitElement, type PropertyDeclarations } from 'lit';

export abstract class BusyForm<Problem> extends LitElement {
  static override properties: PropertyDeclarations = {
    busy: { state: true },
    problem: { state: true },
  };

  declare busy: boolean;
  declare problem: Problem | undefined;

  constructor() {
    super();
    this.busy = false;
    this.problem = undefined;
  }

  /** Runs `work` while the button waits; when it throws (offline), shows `offline` instead. */
  protected async whileBusy(work: () => Promise<void>, offline: Problem): Promise<void> {
    this.busy = true;
    try {
      await work();
    } catch {
      await this.show(offline);
    } finally {
      this.busy = false;
    }
  }

  /** Shows the problem and moves the focus to it (the element with id "problem"). */
  protected async show(problem: Problem): Promise<void> {
    this.problem = problem;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#problem')?.focus();
  }
}
