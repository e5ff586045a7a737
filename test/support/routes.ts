import { type INestApplication } from '@nestjs/common';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every route the app's Express router serves, as "METHOD /path" (Nest's `:param` syntax),
 * read from the router itself: a route added later is listed whether or not it is documented.
 */
export function routesOf(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack.flatMap((layer) => {
    const methods = Object.keys(layer.route?.methods ?? {}).filter((m) => m !== '_all');
    // A layer for every method at once is middleware (forRoutes('*path')), not a route.
    if (layer.route === undefined || methods.length > 10) return [];
    return methods.map((method) => `${method.toUpperCase()} ${layer.route!.path}`);
  });
}
