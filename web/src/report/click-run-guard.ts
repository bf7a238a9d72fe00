// A double click on Verder or Verstuur (a child on a touchpad, a parent on a laggy phone): the first
// click shows the next screen, or the receipt, and the second landed on whatever lay under the pointer
// there. It ticked answers the child never saw ("Ja" to "Ben je nu in gevaar?", a kind, "online"),
// skipped a screen, or ticked "Ik heb mijn code opgeschreven", which drops the warning before the only
// copy of the code is left behind. The browser counts the clicks of one run in `detail`; a click that
// continues a run begun on another screen (or outside the element) does nothing.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const NOT_HERE = Symbol('run began elsewhere');

export class ClickRunGuard implements ReactiveController {
  private began: unknown = NOT_HERE;
  private readonly onPress = (event: MouseEvent): void => {
    if (event.detail <= 1) this.began = this.screen();
  };
  private readonly onClick = (event: MouseEvent): void => {
    if (event.detail > 1 && this.began !== this.screen()) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  /** `screen` names what is on screen now: a click run that began on another is not taken. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly screen: () => unknown = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // On the host in the capture phase: before anything inside its shadow root sees the click.
    this.host.addEventListener('mousedown', this.onPress, true);
    this.host.addEventListener('click', this.onClick, true);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('mousedown', this.onPress, true);
    this.host.removeEventListener('click', this.onClick, true);
  }
}
