// Addresses of staff pages that the server writes into mails and the browser routes on.

/**
 * Where a login link points. The token follows as the URL fragment (`/staff/login#<token>`): browsers
 * and mail scanners never send a fragment to a server, so no access log or proxy log can hold it.
 */
export const LOGIN_LINK_PATH = '/staff/login';

/** The directeur's page for the school year: confirming the contact table and the school's own days off. */
export const SCHOOL_YEAR_PATH = '/staff/schooljaar';
