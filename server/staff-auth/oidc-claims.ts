// Which claims of an ID token name the person and say how they signed in. Plain functions over
// the claims openid-client has already checked (signature, issuer, audience, expiry, nonce).

/** `acr` values that mean more than one factor: REFEDS MFA (eduGAIN, SURFconext) and OpenID PAPE. */
export const DEFAULT_OIDC_MFA_ACR: readonly string[] = [
  'https://refeds.org/profile/mfa',
  'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
];

export type IdTokenClaims = Readonly<Record<string, unknown>>;

export interface ClaimRules {
  issuer: string;
  /** The provider passes on addresses from the school's own directory (Entree Federatie). */
  trustEmail: boolean;
  mfaAcrValues: readonly string[];
}

// A single-tenant Entra ID issuer; "common" and "organizations" are not accepted here.
const ENTRA_ISSUER = /^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0$/;
const MICROSOFT_HOSTS = ['login.microsoftonline.com', 'login.microsoft.com', 'sts.windows.net'];

/**
 * Why an OIDC_ISSUER on Microsoft's sign-in hosts cannot be used, or undefined when it can. Only the
 * school's own tenant: openid-client accepts an ID token of any tenant under a multi-tenant issuer
 * ("common", "organizations", "{tenantid}"), and another tenant's administrators decide what its
 * accounts' addresses are.
 */
export function entraIssuerProblem(issuer: string): string | undefined {
  if (!isMicrosoftIssuer(issuer) || ENTRA_ISSUER.test(issuer)) return undefined;
  return "a Microsoft Entra ID issuer must name the school's own tenant: https://login.microsoftonline.com/<tenant-id>/v2.0 (common, organizations and consumers would let accounts of any tenant sign in)";
}

/** Entra ID's `email` claim is not verified (a guest's home tenant sets it): OIDC_TRUST_EMAIL is never for it. */
export function isMicrosoftIssuer(issuer: string): boolean {
  return MICROSOFT_HOSTS.includes(new URL(issuer).hostname);
}
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function address(value: unknown): string | undefined {
  return typeof value === 'string' && ADDRESS.test(value) ? value.trim().toLowerCase() : undefined;
}

/**
 * The verified address of the person, or undefined when the token carries none:
 * - any provider: `email` with `email_verified: true` (Google Workspace always sends both);
 * - OIDC_TRUST_EMAIL=true: `email` as it comes (Entree Federatie, which hands on the school's own
 *   directory entry and sends no email_verified);
 * - Entra ID: `email` with the optional claim `xms_edov: true` (the tenant verified the domain),
 *   else `preferred_username` of a member of the tenant (no `idp` naming another provider): a UPN
 *   is set by the tenant's administrators and lies in a domain the tenant verified. Guests never count.
 */
export function verifiedEmail(claims: IdTokenClaims, rules: ClaimRules): string | undefined {
  const email = address(claims.email);
  if (email && claims.email_verified === true) return email;
  if (email && rules.trustEmail) return email;
  if (!ENTRA_ISSUER.test(rules.issuer)) return undefined;
  if (email && claims.xms_edov === true) return email;
  const member = claims.idp === undefined || claims.idp === claims.iss;
  return member ? address(claims.preferred_username) : undefined;
}

/** The provider says more than one factor was used: `mfa` in `amr` (RFC 8176) or an MFA `acr`. */
export function providerUsedMfa(claims: IdTokenClaims, rules: ClaimRules): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.includes('mfa')) return true;
  return typeof claims.acr === 'string' && rules.mfaAcrValues.includes(claims.acr);
}
