// Fonts: loaded per language (app/fonts.ts), not in the initial stylesheet.
import './styles/tokens.css';
import './styles/base.css';
import './styles/app.css';
import './styles/high-contrast.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installGhostClickGuard } from './app/ghost-click';
import { installKioskGuards } from './app/kiosk-guards';
import { setSignal } from './app/signals';
import { installVolumeCap } from './app/volume-cap';
import { preloadScreen } from './app/screen-modules';
import { parseUrlOptions } from './app/url-options';
import { errorData, log } from './bridge/log';
import { loadContent } from './flows/boot';
import { skipIdleTime } from './flows/idle';
import { installDebug } from './sand-table/debug';
import { installStaffEntry } from './flows/staff-entry';

const options = parseUrlOptions(window.location.search);
if (options.hideCursor) setSignal('cursor', 'hidden');
if (options.debug) installDebug('idle', { skip: skipIdleTime });

installKioskGuards(document);
installVolumeCap();
installGhostClickGuard(document);
installStaffEntry(document);
window.addEventListener('error', (event) =>
  log.error('uncaught error', errorData(event.error ?? event.message)),
);
window.addEventListener('unhandledrejection', (event) =>
  log.error('unhandled rejection', errorData(event.reason)),
);

// A page opened on a screen fetches that screen's module while the pack loads, not after.
// Only the first load applies ?screen (with the pack and the screen's code, so the first frame is
// that screen); a later pack switch keeps the visitor where they are.
void loadContent(options.screen ? { screen: options.screen, screenCode: preloadScreen(options.screen) } : {});

const container = document.getElementById('root');
if (container) {
  createRoot(container, {
    // React would print these to the console; the kiosk logs them instead.
    onCaughtError: (error, info) =>
      log.error('render error (caught)', { ...errorData(error), componentStack: info.componentStack ?? '' }),
    onUncaughtError: (error, info) =>
      log.error('render error (uncaught)', {
        ...errorData(error),
        componentStack: info.componentStack ?? '',
      }),
    onRecoverableError: (error) => log.warn('render error (recovered)', errorData(error)),
  }).render(
    <StrictMode>
      <App options={options} />
    </StrictMode>,
  );
}
