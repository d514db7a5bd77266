import type { ReactNode } from 'react';
import { lazy, Suspense } from 'react';
import { AttractScreen } from '../screens/AttractScreen';
import { HomeScreen } from '../screens/HomeScreen';
import type { Screen } from '../stores/session-store';
import { loadSandTableScreen, loadStaffScreen, loadTimelineScreen } from './screen-modules';

// The instruments are large (three.js, media); they load when first opened, so the attract
// and home screens are up quickly after boot.
const SandTableScreen = lazy(() => loadSandTableScreen().then((m) => ({ default: m.SandTableScreen })));
const TimelineScreen = lazy(() => loadTimelineScreen().then((m) => ({ default: m.TimelineScreen })));
const StaffScreen = lazy(() => loadStaffScreen().then((m) => ({ default: m.StaffScreen })));

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
