import type { ComponentType, ReactNode } from 'react';
import { lazy, Suspense, useState } from 'react';
import { AttractScreen } from '../screens/AttractScreen';
import { HomeScreen } from '../screens/HomeScreen';
import type { Screen } from '../stores/session-store';
import type { ModuleLoader } from './screen-modules';
import { loadSandTableScreen, loadStaffScreen, loadTimelineScreen } from './screen-modules';

/**
 * A screen from a module loaded on demand: rendered directly when the module is already here (a
 * preload), else through `lazy` and the router's Suspense. Chosen once per mount, so a module that
 * arrives later never swaps one for the other (which would remount the screen).
 */
function onDemand<M>(load: ModuleLoader<M>, pick: (m: M) => ComponentType): ComponentType {
  const Lazy = lazy(() => load().then((m) => ({ default: pick(m) })));
  return function OnDemandScreen() {
    const [Here] = useState(() => {
      const m = load.loaded();
      return m === undefined ? Lazy : pick(m);
    });
    return <Here />;
  };
}

// The instruments are large (three.js, media); they load when first opened (or are preloaded, see
// screen-modules), so the attract and home screens are up quickly after boot.
const SandTableScreen = onDemand(loadSandTableScreen, (m) => m.SandTableScreen);
const TimelineScreen = onDemand(loadTimelineScreen, (m) => m.TimelineScreen);
const StaffScreen = onDemand(loadStaffScreen, (m) => m.StaffScreen);

function screenElement(screen: Screen): ReactNode {
  switch (screen) {
    case 'attract':
      return <AttractScreen />;
    case 'home':
      return <HomeScreen />;
    case 'sand-table':
      return <SandTableScreen />;
    case 'timeline':
      return <TimelineScreen />;
    case 'staff':
      return <StaffScreen />;
  }
}

/** Screen routing without a router: the session store's `screen` picks one. */
export function ScreenRouter({ screen }: { screen: Screen }) {
  return (
    <main className="screen" data-testid={`screen-${screen}`} key={screen}>
      <Suspense fallback={<div className="screen-loading" aria-busy="true" />}>
        {screenElement(screen)}
      </Suspense>
    </main>
  );
}
