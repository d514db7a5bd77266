/**
 * `hallpack init <folder> [--template minimal|museum]`: writes a working folder that passes lint
 * (see ../authoring/templates.ts), so an author starts from something that shows on screen.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { idSchema } from '../../shared/pack-schema';
import { makeTemplate, TEMPLATE_NAMES } from '../authoring/templates';
import type { TemplateName } from '../authoring/templates';
import { optionValue } from './args';
import { EXIT_OK, invoke, outputOptions, t, usageError, userPath } from './common';
import type { CommandIo, CommandSpec } from './common';

export const initSpec: CommandSpec = {
  name: 'init',
  usage: 'init <folder> [--template minimal|museum] [--id <pack-id>]',
  summary:
    'Writes a new working folder that passes lint: pack.json (both languages), media of every kind\n(museum) or one picture (minimal), captions, and a README.md on where to go next. The folder must\nbe new or empty. Edit it, check it with lint, look at it with preview, make the signed pack with build.',
  options: [
    {
      name: 'template',
      short: 't',
      kind: 'string',
      valueName: 'minimal|museum',
      description: 'what to start from (default museum: one of each media kind)',
    },
    {
      name: 'id',
      kind: 'string',
      valueName: 'pack-id',
      description: 'the pack id (default: from the folder name)',
    },
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

/** The folder of committed template media, found beside the sources or the bundle. */
export function templateMediaDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'assets', 'templates', 'media');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** A pack id from a folder name: lower-case ASCII, digits and dashes ("My Hall 2" → "my-hall-2"). */
export function idFromFolder(folder: string): string {
  const slug = basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 64);
  return idSchema.safeParse(slug).success ? slug : 'my-exhibition';
}

export async function initCommand(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(initSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const { lang } = inv;
  const template = (optionValue(inv.args, 'template') ?? 'museum') as TemplateName;
  if (!TEMPLATE_NAMES.includes(template)) {
    return usageError(
      io,
      initSpec,
      t(
        lang,
        `unknown template "${template}"; choose ${TEMPLATE_NAMES.join(' or ')}`,
        `没有名为“${template}”的模板；可选 ${TEMPLATE_NAMES.join('、')}`,
      ),
      inv.json,
    );
  }
  const folder = userPath(inv.args.positionals[0] ?? '');
  const id = optionValue(inv.args, 'id') ?? idFromFolder(folder);
  if (!idSchema.safeParse(id).success) {
    return usageError(
      io,
      initSpec,
      t(
        lang,
        `"${id}" is not a pack id: use 1–64 of a–z, 0–9, ".", "_", "-"`,
        `“${id}”不是有效的 id：请使用 1–64 个 a–z、0–9、“.”、“_”、“-”`,
      ),
      inv.json,
    );
  }
  const existing = await readdir(folder).catch(() => [] as string[]);
  if (existing.length > 0) {
    return usageError(
      io,
      initSpec,
      t(
        lang,
        `${folder} is not empty; init writes only into a new or empty folder, so nothing of yours is overwritten`,
        `${folder} 不是空文件夹；init 只写入新的或空的文件夹，以免覆盖您的文件`,
      ),
      inv.json,
    );
  }
  const mediaDir = templateMediaDir();
  if (!mediaDir) {
    return usageError(
      io,
      initSpec,
      'the template media (assets/templates/media) are missing from this installation',
      inv.json,
    );
  }
  const created = new Date().toISOString().slice(0, 10);
  const { manifest, files } = makeTemplate(template, { id, created });
  // A working folder has no files index: build computes it.
  const { files: _index, ...authored } = manifest;
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'pack.json'), JSON.stringify(authored, null, 2) + '\n');
  for (const file of files) {
    const target = join(folder, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    if ('text' in file) await writeFile(target, file.text);
    else await copyFile(join(mediaDir, ...file.copyOf.split('/')), target);
  }
  if (inv.json) {
    io.out(JSON.stringify({ ok: true, command: 'init', folder, id, template, files: files.length + 1 }));
    return EXIT_OK;
  }
  io.err(
    t(
      lang,
      `✓ ${folder}: pack "${id}" from the ${template} template, ${files.length + 1} files`,
      `✓ ${folder}：由 ${template} 模板创建的“${id}”，共 ${files.length + 1} 个文件`,
    ),
  );
  io.out(
    t(
      lang,
      [
        'Next:',
        `  hallpack preview ${folder} --watch        look at it in the kiosk; every save reloads it`,
        `  hallpack sheet export ${folder} texts.xlsx   edit the texts in a spreadsheet,`,
        `  hallpack sheet import texts.xlsx ${folder}   then take them back`,
        `  hallpack lint ${folder}                    check it (it passes now)`,
        `  hallpack build ${folder} -o ${id}.hallpack --key <your.key.pem>   the signed pack for a kiosk`,
        `More in ${join(folder, 'README.md')}.`,
      ].join('\n'),
      [
        '接下来：',
        `  hallpack preview ${folder} --watch        在展机界面中预览；每次保存自动刷新`,
        `  hallpack sheet export ${folder} texts.xlsx   在电子表格中编辑文字，`,
        `  hallpack sheet import texts.xlsx ${folder}   再导入回来`,
        `  hallpack lint ${folder} --lang zh-Hans     检查（现在可以通过）`,
        `  hallpack build ${folder} -o ${id}.hallpack --key <您的.key.pem>   生成展机可安装的签名包`,
        `详见 ${join(folder, 'README.md')}。`,
      ].join('\n'),
    ),
  );
  return EXIT_OK;
}
