// A school's own form address is /school/<slug>: the form there reports to that school's table.

/** The school of the address the form was opened at; undefined at `/` (the default school). */
export function pageSchool(pathname = location.pathname): string | undefined {
  return /^\/school\/([a-z0-9-]{2,40})\/?$/.exec(pathname)?.[1];
}
