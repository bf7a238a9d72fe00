// Calls back once the person at the screen has done nothing for a while.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What counts as someone still being there. Keys and pointers reach window from inside shadow roots. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'input', 'wheel', 'scroll'] as const;

export class IdleTimeout implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly restart = (): void => {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onIdle, this.idleMs);
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, this.restart, { capture: true, passive: true });
    this.restart();
  }

  hostDisconnected(): void {
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, this.restart, { capture: true });
    clearTimeout(this.timer);
  }
}
