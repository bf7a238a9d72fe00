// The routes the real app registered, so route tests cover a route added later too.

export interface Route {
  method: string;
  url: string;
}

/**
 * Every route Fastify knows, read from printRoutes: a route added later cannot escape this test.
 * printRoutes({ commonPrefix: false }) prints a tree whose lines are path pieces under their parent.
 * A sanity check below makes sure the walk finds the routes we know of.
 */
export function registeredRoutes(tree: string): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:[├└]── )(.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const piece = match[2]!;
    // Pieces join as printed ('/api/staff/logout' + '-everywhere'), but a wildcard drops its slash.
    const url = (stack[depth - 1] ?? '') + (piece === '*' ? '/*' : piece);
    stack[depth] = url;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, url });
    }
  }
  return routes;
}
