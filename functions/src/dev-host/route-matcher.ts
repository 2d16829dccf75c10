import type { Route } from '../http/route';

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/** Azure Functions route templates (`submissions/{board}/{year}/{template}`, `{x?}`, `{x:int}`) as regular expressions. */
function templatePattern(template: string): RegExp {
  const segments = template.split('/').map((segment) =>
    segment.replace(/\{(\w+)(?::[^}?]+)?(\?)?\}|([^{]+)/g, (_match, name: string | undefined, optional: string | undefined, literal: string | undefined) => {
      if (literal !== undefined) return literal.replace(/[.*+^${}()|[\]\\]/g, '\\$&');
      return optional ? `(?<${name}>[^/]*)` : `(?<${name}>[^/]+)`;
    }),
  );
  return new RegExp(`^${segments.join('/')}/?$`, 'i');
}

/** A path segment decoded; a malformed one is passed on as written (the route answers 400 for its address). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Finds the route for a method and a path below the route prefix, as the Functions host does. */
export function routeMatcher(routes: readonly Route[]): (method: string, path: string) => RouteMatch | 'method-not-allowed' | undefined {
  const compiled = routes.map((route) => ({ route, pattern: templatePattern(route.route) }));
  return (method, path) => {
    let pathMatched = false;
    for (const { route, pattern } of compiled) {
      const match = pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (!route.methods.includes(method.toUpperCase() as Route['methods'][number])) continue;
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeSegment(value ?? '')]));
      return { route, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  };
}
