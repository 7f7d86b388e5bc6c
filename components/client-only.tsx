"use client";
/**
 * A view whose code loads in the browser once the page is up, as next/dynamic's `ssr: false`
 * does, without next/dynamic's machinery for server preloading (~1.3 kB gzip of every lab page's
 * first load): `loading` (or nothing) in the static HTML and at hydration, then the module,
 * fetched when the view is first drawn.
 */
import { lazy, Suspense, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

const noSubscription = () => () => {};

/** False in the static HTML and during hydration, true from the render after. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** A view's module as React.lazy takes it. */
const lazyView = <P extends object>(load: () => Promise<ComponentType<P>>) => lazy(() => load().then((view) => ({ default: view })));

export function clientOnly<P extends object>(load: () => Promise<ComponentType<P>>, loading: () => ReactNode = () => null): ComponentType<P> {
  const Lazy = lazyView(load);
  return function ClientOnly(props: P) {
    const hydrated = useHydrated();
    if (!hydrated) return loading();
    return (
      <Suspense fallback={loading()}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

/**
 * A view that is in the static HTML (the build renders it) but whose code is not in the page's
 * first load: the browser fetches it when hydration reaches the view, and React keeps the static
 * HTML on screen until it is there. For views below the fold, which need not answer a click in the
 * page's first moments; `loading` shows only if the view is first drawn in the browser.
 */
export function hydratedLater<P extends object>(load: () => Promise<ComponentType<P>>, loading: () => ReactNode = () => null): ComponentType<P> {
  const Lazy = lazyView(load);
  return function HydratedLater(props: P) {
    return (
      <Suspense fallback={loading()}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
