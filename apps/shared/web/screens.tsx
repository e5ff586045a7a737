import { type ComponentType, lazy, type ReactNode } from 'react';

/**
 * A screen of an app. Each feature declares its routes and, if it has one, its entry in the
 * navigation with the roles that see it; the layout and the router read the app's list only.
 */
export interface Screen<Role extends string = string> {
  path: string;
  element: ReactNode;
  /** i18n key of the navigation label; screens without one (detail pages) are reached by links. */
  nav?: string;
  roles?: readonly Role[];
}

export function visibleTo(screen: Screen, roles: readonly string[]): boolean {
  return screen.roles === undefined || screen.roles.some((role) => roles.includes(role));
}

/**
 * A screen whose code is its own chunk, fetched when the user first opens it: the login page
 * and the first screen do not wait for the forms, schemas and libraries behind the others.
 */
export function lazyScreen<M>(load: () => Promise<M>, name: keyof M): ReactNode {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return <Page />;
}
