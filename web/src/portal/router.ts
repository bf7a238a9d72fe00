// In-page navigation of a portal that the server serves as one page for every path below its prefix.

export interface PortalRouter {
  /** The window event fired after every in-page move. */
  readonly event: string;
  /** Moves to another page of the portal without a reload. */
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Lets ordinary links inside shadow roots navigate in-page (and still open in a new tab with a modifier). */
  followLink(event: MouseEvent): void;
}

export function createRouter(prefix: string): PortalRouter {
  const event = `${prefix.slice(1)}-navigate`;
  const navigate = (path: string, options: { replace?: boolean } = {}): void => {
    if (options.replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    window.dispatchEvent(new Event(event));
    window.scrollTo({ top: 0 });
  };
  const followLink = (click: MouseEvent): void => {
    if (click.defaultPrevented || click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return;
    const anchor = click.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor || anchor.origin !== location.origin || !anchor.pathname.startsWith(prefix) || anchor.target || anchor.download) return;
    click.preventDefault();
    navigate(anchor.pathname + anchor.search);
  };
  return { event, navigate, followLink };
}

/** The one-time token of a login link, from the address's fragment (`#<token>`). */
export function loginTokenOf(hash: string): string | undefined {
  return /^#([A-Za-z0-9_-]{1,100})$/.exec(hash)?.[1];
}
