/**
 * Browser-kiosk supervisor entry, started by `scripts/start.mjs` in browser-kiosk mode:
 *
 *   npx tsx electron/node/browser-kiosk/main.ts --chromium <exe> --url <kiosk url> [--status <file>]
 *     [--data-dir <dir>] -- <chromium args>
 *   npx tsx electron/node/browser-kiosk/main.ts --print-policy [--origin http://127.0.0.1[:port]]
 *
 * Runs until SIGINT/SIGTERM, then closes Chromium. Prints one line per lockdown event.
 */
import { parseArgs } from 'node:util';
import { chromiumManagedPolicy } from '../../shared/policy/browser-kiosk';
import { superviseChromium } from './supervisor';

const USAGE =
  'usage: browser-kiosk --chromium <exe> --url <kiosk url> [--status <file>] [--data-dir <dir>] -- <chromium args>\n' +
  '       browser-kiosk --print-policy [--origin http://127.0.0.1[:port]]';

function say(line: string): void {
  process.stdout.write(`hall-kiosk: ${line}\n`);
}

async function main(): Promise<number> {
  const dash = process.argv.indexOf('--', 2);
  const own = dash === -1 ? process.argv.slice(2) : process.argv.slice(2, dash);
  const chromiumArgs = dash === -1 ? [] : process.argv.slice(dash + 1);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      strict: true,
      options: {
        chromium: { type: 'string' },
        url: { type: 'string' },
        status: { type: 'string' },
        'data-dir': { type: 'string' },
        'print-policy': { type: 'boolean' },
        origin: { type: 'string' },
      },
    }));
  } catch (error) {
    process.stderr.write(`hall-kiosk: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values['print-policy']) {
    const origin = values.origin ?? 'http://127.0.0.1';
    process.stdout.write(`${JSON.stringify(chromiumManagedPolicy(origin), null, 2)}\n`);
    return 0;
  }
  if (!values.chromium || !values.url) {
    process.stderr.write(`hall-kiosk: --chromium and --url are required\n${USAGE}\n`);
    return 2;
  }
  let fatal = '';
  const supervisor = superviseChromium({
    chromium: values.chromium,
    args: chromiumArgs,
    kioskUrl: values.url,
    ...(values.status ? { statusFile: values.status } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    say,
    onFatal: (message) => {
      fatal = message;
    },
  });
  const stop = (): void => void supervisor.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  await supervisor.done;
  if (fatal) {
    process.stderr.write(`hall-kiosk: ${fatal}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hall-kiosk: browser kiosk supervisor failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
