// What the staff page knows of sign-in through the school's provider. Shared with the browser: no
// imports. A failed callback redirects to /staff?inlogfout=<code>; the page shows the message.

/** GET /api/staff/login-options */
export interface LoginOptionsResponse {
  /** A button for the school's own accounts is shown. */
  oidc: boolean;
}

/** Where the staff page's button goes to sign in with the school's account. */
export const OIDC_START_PATH = '/staff/oidc/start';

export const OIDC_FAILURE_PARAM = 'inlogfout';

export const OIDC_FAILURE_MESSAGES = {
  off: 'Inloggen met je schoolaccount is hier niet ingesteld. Vraag een inloglink aan.',
  unavailable: 'Inloggen met je schoolaccount lukt nu niet: de inlogdienst antwoordt niet. Probeer het straks nog eens.',
  settings: 'Inloggen met je schoolaccount lukt nu niet door een instelling. Meld dit bij de beheerder van het portaal.',
  cancelled: 'Het inloggen bij je school is afgebroken. Je bent niet ingelogd. Probeer het opnieuw.',
  retry: 'Deze inlogpoging is verlopen, al gebruikt of klopt niet. Je bent niet ingelogd. Probeer het opnieuw.',
  unverified: 'Je schoolaccount geeft geen bevestigd e-mailadres door. Je bent niet ingelogd. Vraag de beheerder om hulp.',
  unknown: 'Met dit account kun je niet in het portaal. Log in met het account van je school dat in de lijst van de school staat.',
} as const;

export type OidcFailureCode = keyof typeof OIDC_FAILURE_MESSAGES;

export function isOidcFailureCode(value: string | null): value is OidcFailureCode {
  return value !== null && Object.hasOwn(OIDC_FAILURE_MESSAGES, value);
}
