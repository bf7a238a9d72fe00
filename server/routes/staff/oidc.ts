import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { OIDC_SIGN_IN_RATE_LIMIT, OIDC_TRANSACTION_TTL_MS, STAFF_LOGIN_RATE_WINDOW_MS } from '../../shared/limits.js';
import { OIDC_CALLBACK_PATH, OidcFailure, OidcSignIn } from '../../staff-auth/oidc.js';
import { OIDC_FAILURE_PARAM, OIDC_START_PATH, type LoginOptionsResponse, type OidcFailureCode } from '../../shared/school-sign-in.js';
import { setSessionCookie } from '../../staff-auth/session-cookie.js';

/**
 * The sign-in in progress is bound to this browser by a cookie holding a random handle; state,
 * nonce and PKCE verifier stay in the database under the handle's hash. SameSite=Lax, not Strict:
 * the callback is a top-level navigation coming from the provider's site, and a Strict cookie
 * would not be sent with it.
 */
function transactionCookie(publicUrl: string): { name: string; secure: boolean } {
  const secure = publicUrl.startsWith('https:');
  return { name: secure ? '__Host-klikvrij-oidc' : 'klikvrij-oidc', secure };
}

/**
 * Staff sign-in through the school's OpenID Connect provider. Both routes are browser navigations
 * and answer with redirects: to the provider, to /staff with a session, or to /staff with the
 * reason in Dutch (`?inlogfout=`). They write no access line: the callback's query holds the
 * authorization code, which never goes into a log.
 */
export default async function staffOidcRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const settings = context.config.oidc;
  const cookie = transactionCookie(context.config.publicUrl);
  const signIn = settings ? new OidcSignIn(settings, context.config.publicUrl, context.now) : undefined;
  const routeOptions = {
    logLevel: 'warn' as const,
    config: {
      staffPublic: true,
      rateLimit: {
        max: OIDC_SIGN_IN_RATE_LIMIT,
        timeWindow: STAFF_LOGIN_RATE_WINDOW_MS,
        errorResponseBuilder: () => new AppError('rate_limited', 'Te veel inlogpogingen. Wacht een kwartier en probeer het dan opnieuw.'),
      },
    },
  };

  const refuse = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    let code: OidcFailureCode = 'unavailable';
    if (error instanceof OidcFailure) {
      code = error.code;
      request.log.warn({ oidcFailure: error.code, reason: error.reason }, 'sign-in through the school provider refused');
    } else {
      // Not the error itself: what openid-client throws can carry the request's parameters.
      request.log.error({ errorName: error instanceof Error ? error.name : typeof error }, 'sign-in through the school provider failed');
    }
    return reply.redirect(`/staff?${OIDC_FAILURE_PARAM}=${code}`, 303);
  };

  app.get('/api/staff/login-options', { config: { staffPublic: true } }, async (): Promise<LoginOptionsResponse> => ({ oidc: !!signIn }));

  app.get(OIDC_START_PATH, routeOptions, async (request, reply) => {
    if (!signIn) return refuse(request, reply, new OidcFailure('off', 'oidc_not_configured'));
    try {
      const { handle, authorizationUrl } = await signIn.begin(context);
      reply.setCookie(cookie.name, handle, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.secure,
        maxAge: OIDC_TRANSACTION_TTL_MS / 1000,
      });
      return reply.redirect(authorizationUrl, 303);
    } catch (error) {
      return refuse(request, reply, error);
    }
  });

  app.get(OIDC_CALLBACK_PATH, routeOptions, async (request, reply) => {
    if (!signIn) return refuse(request, reply, new OidcFailure('off', 'oidc_not_configured'));
    const handle = request.cookies[cookie.name];
    // Used or not, this sign-in is over: the handle goes.
    reply.clearCookie(cookie.name, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookie.secure });
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    try {
      const { sessionToken } = await signIn.finish(context, handle, new URL(`${context.config.publicUrl}${OIDC_CALLBACK_PATH}${query}`));
      setSessionCookie(reply, context.config, sessionToken);
      return reply.redirect('/staff', 303);
    } catch (error) {
      return refuse(request, reply, error);
    }
  });
}
