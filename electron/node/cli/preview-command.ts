/**
 * `hallpack preview <folder> [--watch] [--port N]`: the working folder in the real renderer on
 * 127.0.0.1 (see ../authoring/preview.ts), until Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPreview } from '../authoring/preview';
import type { PreviewState } from '../authoring/preview';
import { formatLocated } from '../lint/locations';
import { optionValue } from './args';
import { EXIT_OK, EXIT_PROBLEMS, invoke, outputOptions, t, usageError, userPath } from './common';
import type { CommandIo, CommandSpec } from './common';

export const previewSpec: CommandSpec = {
  name: 'preview',
  usage: 'preview <folder> [--watch] [--port <n>]',
  summary: [
    'Serves the working folder in the real kiosk renderer on 127.0.0.1 and prints the address to open in',
    'Chrome or Chromium: the kiosk at its real size beside a panel with every lint problem. Nothing is',
    'written into the folder. With --watch, every change to the folder reloads the kiosk on the screen it',
    'was showing and runs the lint again; a pack.json that does not load keeps the last version on screen.',
    "The folder's signature is not checked against a kiosk's trust list: it is your own folder.",
  ].join('\n'),
  options: [
    { name: 'watch', short: 'w', kind: 'flag', description: 'reload on every change to the folder' },
    {
      name: 'port',
      kind: 'string',
      valueName: 'n',
      description: 'port on 127.0.0.1 (default: any free port)',
    },
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

/** The built renderer (dist/renderer) beside the sources or the bundle. */
export function rendererDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'dist', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** Resolves when the process is asked to stop. */
const stopSignal = (): Promise<void> =>
  new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

export async function previewCommand(argv: string[], io: CommandIo, until = stopSignal): Promise<number> {
  const inv = invoke(previewSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const { lang } = inv;
  const folder = userPath(inv.args.positionals[0] ?? '');
  if (!existsSync(join(folder, 'pack.json'))) {
    return usageError(
      io,
      previewSpec,
      t(
        lang,
        `${folder} has no pack.json (hallpack init ${folder} makes one)`,
        `${folder} 中没有 pack.json（可用 hallpack init 创建）`,
      ),
      inv.json,
    );
  }
  const portText = optionValue(inv.args, 'port');
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    return usageError(io, previewSpec, `--port must be a number from 0 to 65535`, inv.json);
  }
  const rendererRoot = rendererDir();
  if (!rendererRoot) {
    io.err(
      t(
        lang,
        'hallpack preview: the kiosk renderer is not built (dist/renderer): run npm run build once.',
        'hallpack preview：尚未构建展机界面（dist/renderer）：请先运行一次 npm run build。',
      ),
    );
    return EXIT_PROBLEMS;
  }
  let lastRevision = -1;
  const onUpdate = (s: PreviewState): void => {
    if (s.linting || s.revision === lastRevision) return;
    lastRevision = s.revision;
    const errors = s.problems.filter((p) => p.severity === 'error').length;
    const stamp = new Date().toTimeString().slice(0, 8);
    if (inv.json) {
      io.out(
        JSON.stringify({
          event: 'checked',
          packVersion: s.packVersion,
          loaded: s.loaded,
          problems: s.problems,
        }),
      );
      return;
    }
    io.err(
      t(
        lang,
        `${stamp} ${s.loaded ? `version ${s.packVersion} on screen` : 'pack.json does not load: the last version stays on screen'}; ${errors} error(s), ${s.problems.length - errors} warning(s)`,
        `${stamp} ${s.loaded ? `第 ${s.packVersion} 版已显示` : 'pack.json 无法载入：仍显示上一版'}；${errors} 个错误，${s.problems.length - errors} 个警告`,
      ),
    );
    for (const p of s.problems) io.out(formatLocated(p, lang));
  };
  const preview = await startPreview({
    folder,
    rendererRoot,
    watch: inv.args.flags.has('watch'),
    ...(port === undefined ? {} : { port }),
    onUpdate,
  });
  if (inv.json) io.out(JSON.stringify({ event: 'listening', url: preview.url }));
  else {
    io.out(t(lang, `Preview: ${preview.url}`, `预览：${preview.url}`));
    io.err(
      t(
        lang,
        `Open it in Chrome or Chromium. ${inv.args.flags.has('watch') ? 'Watching the folder; ' : ''}Ctrl+C to stop.`,
        `请用 Chrome 或 Chromium 打开。${inv.args.flags.has('watch') ? '正在监视文件夹；' : ''}按 Ctrl+C 停止。`,
      ),
    );
  }
  await until();
  await preview.close();
  return EXIT_OK;
}
