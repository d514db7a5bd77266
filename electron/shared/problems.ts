/**
 * Problems found in a content pack, for people.
 *
 * Every refusal (schema, references, signature, files, archive, store, lint) is a `PackProblem`:
 * which file, which rule, and a message in both UI languages that says what is wrong and what to
 * do. `code` is the stable machine id (tests, `--json`, staff screen); `rule` is what a person
 * sees and looks up in the README — for catalogued problems it is the code itself.
 *
 * The catalogue below holds the message templates; `problem(code, file, params)` fills one in and
 * the parameter types are checked per code. Other modules may build a `PackProblem` literal for a
 * code that is not catalogued yet, but should prefer adding it here.
 */

/** An error refuses the pack; a warning is reported and the pack is still accepted. */
export type ProblemSeverity = 'error' | 'warning';

/** The languages every problem message is written in. */
export type ProblemLanguage = 'zh-Hans' | 'en';

export type BilingualMessage = { 'zh-Hans': string; en: string };

export type PackProblem = {
  /** Stable machine id, e.g. `ref.category-missing`. */
  code: string;
  severity: ProblemSeverity;
  /** The file the problem is in, relative to the pack root (`pack.json`, `media/a.mp4`), or the input path. */
  file: string;
  /** The rule as shown to people (`file: rule: message`). */
  rule: string;
  message: BilingualMessage;
  /** Location inside the file: a JSON path such as `places[3].category`. */
  path?: string;
};

type Params = Record<string, string | number>;

type Entry<P extends Params> = {
  severity: ProblemSeverity;
  en: (p: P) => string;
  zh: (p: P) => string;
};

const entry = <P extends Params = Record<never, never>>(
  severity: ProblemSeverity,
  en: (p: P) => string,
  zh: (p: P) => string,
): Entry<P> => ({ severity, en, zh });

const q = (s: string | number): string => JSON.stringify(String(s));

/** Message templates by code. English first, then zh-Hans. Messages say what to do. */
export const problemCatalogue = {
  // --- pack.json as bytes and JSON -------------------------------------------------------------
  'manifest.missing': entry(
    'error',
    () => 'pack.json is missing. A pack is a folder (or .hallpack zip) with pack.json at its root.',
    () => '缺少 pack.json。内容包是根目录含有 pack.json 的文件夹（或 .hallpack 压缩包）。',
  ),
  'manifest.too-large': entry<{ size: number; max: number }>(
    'error',
    (p) => `pack.json is ${p.size} bytes; the limit is ${p.max}. Move long texts or data into files.`,
    (p) => `pack.json 大小为 ${p.size} 字节，上限为 ${p.max} 字节。请把长文本或数据移到单独的文件中。`,
  ),
  'manifest.encoding': entry(
    'error',
    () => 'pack.json is not valid UTF-8. Save it as UTF-8 (a BOM is allowed).',
    () => 'pack.json 不是有效的 UTF-8 编码。请以 UTF-8 编码保存（可带 BOM）。',
  ),
  'manifest.json-invalid': entry<{ line: number; column: number; detail: string; detailZh: string }>(
    'error',
    (p) => `JSON syntax error at line ${p.line}, column ${p.column}: ${p.detail}. Fix the JSON there.`,
    (p) => `JSON 语法错误，位于第 ${p.line} 行第 ${p.column} 列：${p.detailZh}。请修正该处的 JSON。`,
  ),
  'manifest.json-duplicate-key': entry<{ key: string; line: number; column: number }>(
    'error',
    (p) => `key ${q(p.key)} appears twice in the same object (line ${p.line}, column ${p.column}). Keep one.`,
    (p) => `同一对象中键 ${q(p.key)} 出现了两次（第 ${p.line} 行第 ${p.column} 列）。请只保留一个。`,
  ),
  'manifest.json-forbidden-key': entry<{ key: string; line: number; column: number }>(
    'error',
    (p) => `key ${q(p.key)} is not allowed (line ${p.line}, column ${p.column}). Rename it.`,
    (p) => `不允许使用键 ${q(p.key)}（第 ${p.line} 行第 ${p.column} 列）。请改名。`,
  ),
  'manifest.too-deep': entry<{ max: number }>(
    'error',
    (p) => `pack.json nests deeper than ${p.max} levels. Flatten the structure.`,
    (p) => `pack.json 的嵌套层级超过 ${p.max} 层。请简化结构。`,
  ),
  'manifest.format': entry<{ found: string; expected: string }>(
    'error',
    (p) => `format is ${q(p.found)}; this app reads ${q(p.expected)}. Use a pack made for this version.`,
    (p) => `format 为 ${q(p.found)}，本程序只能读取 ${q(p.expected)}。请使用适用于本版本的内容包。`,
  ),
  'manifest.unknown-key': entry<{ key: string }>(
    'warning',
    (p) => `${q(p.key)} is not a known field here, so it is ignored. Check its spelling.`,
    (p) => `${q(p.key)} 不是此处可用的字段，将被忽略。请检查拼写。`,
  ),
  'manifest.schema': entry<{ en: string; zh: string }>(
    'error',
    (p) => p.en,
    (p) => p.zh,
  ),
  'manifest.internal': entry<{ detail: string }>(
    'error',
    (p) => `pack.json could not be read (${p.detail}). Report this with the pack attached.`,
    (p) => `无法读取 pack.json（${p.detail}）。请附上内容包报告此问题。`,
  ),

  // --- references between parts of the manifest ------------------------------------------------
  'ref.duplicate-id': entry<{ where: string; id: string }>(
    'error',
    (p) => `id ${q(p.id)} is used more than once in ${p.where}. Give each one its own id.`,
    (p) => `${p.where} 中的 id ${q(p.id)} 重复。请为每一项设置唯一的 id。`,
  ),
  'ref.category-missing': entry<{ id: string }>(
    'error',
    (p) => `category ${q(p.id)} does not exist. Add it to "categories" or fix the id.`,
    (p) => `分类 ${q(p.id)} 不存在。请在 "categories" 中添加它，或修正 id。`,
  ),
  'ref.media-missing': entry<{ id: string }>(
    'error',
    (p) => `media ${q(p.id)} does not exist. Add it to "media" or fix the id.`,
    (p) => `媒体 ${q(p.id)} 不存在。请在 "media" 中添加它，或修正 id。`,
  ),
  'ref.place-missing': entry<{ id: string }>(
    'error',
    (p) => `place ${q(p.id)} does not exist. Add it to "places" or fix the id.`,
    (p) => `地点 ${q(p.id)} 不存在。请在 "places" 中添加它，或修正 id。`,
  ),
  'ref.preset-missing': entry<{ id: string }>(
    'error',
    (p) => `camera preset ${q(p.id)} does not exist. Add it to sandTable.camera.presets or fix the id.`,
    (p) => `镜头预设 ${q(p.id)} 不存在。请在 sandTable.camera.presets 中添加它，或修正 id。`,
  ),
  'ref.route-missing': entry<{ id: string }>(
    'error',
    (p) => `route ${q(p.id)} does not exist. Add it to sandTable.routes or fix the id.`,
    (p) => `路线 ${q(p.id)} 不存在。请在 sandTable.routes 中添加它，或修正 id。`,
  ),
  'ref.tour-missing': entry<{ id: string }>(
    'error',
    (p) => `tour ${q(p.id)} does not exist. Add it to sandTable.tours or fix the id.`,
    (p) => `导览 ${q(p.id)} 不存在。请在 sandTable.tours 中添加它，或修正 id。`,
  ),
  'ref.timeline-missing': entry<{ id: string }>(
    'error',
    (p) => `timeline ${q(p.id)} does not exist. Add it to "timelines" or fix the id.`,
    (p) => `时间轴 ${q(p.id)} 不存在。请在 "timelines" 中添加它，或修正 id。`,
  ),
  'ref.era-missing': entry<{ id: string; timeline: string }>(
    'error',
    (p) =>
      `era ${q(p.id)} does not exist in timeline ${q(p.timeline)}. Add it to that timeline's eras or fix the id.`,
    (p) => `时间轴 ${q(p.timeline)} 中不存在时期 ${q(p.id)}。请在该时间轴的 eras 中添加它，或修正 id。`,
  ),
  'ref.node-missing': entry<{ id: string; layer: string }>(
    'error',
    (p) => `node ${q(p.id)} does not exist in layer ${q(p.layer)}. Links join nodes of the same layer.`,
    (p) => `图层 ${q(p.layer)} 中不存在节点 ${q(p.id)}。连线只能连接同一图层的节点。`,
  ),
  'ref.node-position': entry<{ id: string }>(
    'error',
    (p) => `node ${q(p.id)} has neither "place" nor "position". Give it one of them.`,
    (p) => `节点 ${q(p.id)} 既没有 "place" 也没有 "position"。请设置其中之一。`,
  ),
  'ref.sand-table-missing': entry(
    'error',
    () => 'this needs a sand table, but the pack has no "sandTable". Add one or remove the reference.',
    () => '此处需要沙盘，但内容包没有 "sandTable"。请添加沙盘或删除该引用。',
  ),
  'ref.shot-target': entry(
    'error',
    () => 'a fly-to shot needs "place", "preset" or "pose". Add one.',
    () => 'fly-to 镜头需要 "place"、"preset" 或 "pose" 之一。请添加。',
  ),
  'ref.route-empty': entry<{ id: string }>(
    'error',
    (p) => `route ${q(p.id)} has neither "path" nor "places". Give it one of them.`,
    (p) => `路线 ${q(p.id)} 既没有 "path" 也没有 "places"。请设置其中之一。`,
  ),
  'ref.media-kind': entry<{ id: string; expected: string; actual: string }>(
    'error',
    (p) =>
      `media ${q(p.id)} is ${p.actual}, but ${p.expected} is needed here. Use a media entry of that kind.`,
    (p) => `媒体 ${q(p.id)} 的类型为 ${p.actual}，此处需要 ${p.expected}。请使用该类型的媒体。`,
  ),
  'ref.file-not-indexed': entry<{ path: string }>(
    'error',
    (p) =>
      `file ${q(p.path)} is referenced but not listed in "files". Add the file and rebuild with hallpack build.`,
    (p) => `文件 ${q(p.path)} 被引用，但未列在 "files" 中。请添加该文件并用 hallpack build 重新构建。`,
  ),
  'ref.file-wrong-name': entry<{ path: string; actual: string }>(
    'error',
    (p) =>
      `file ${q(p.path)} is not in the pack; did you mean ${q(p.actual)}? Names must match exactly, letter case included (the kiosk's disk is case-sensitive). Rename the file or fix the name here.`,
    (p) =>
      `展项中没有文件 ${q(p.path)}；您是否指的是 ${q(p.actual)}？文件名必须完全一致，包括大小写（展机磁盘区分大小写）。请重命名文件或修改此处的名称。`,
  ),
  'ref.link-scheme': entry<{ link: string }>(
    'error',
    (p) =>
      `link ${q(p.link)} must start with https://, http:// or geo: (RFC 5870). Visitors open it on their phones.`,
    (p) => `链接 ${q(p.link)} 必须以 https://、http:// 或 geo:（RFC 5870）开头，观众会在手机上打开它。`,
  ),
  'ref.link-placeholder': entry<{ placeholder: string }>(
    'warning',
    (p) =>
      `unknown placeholder ${p.placeholder} in the link template. Use {lon}, {lat}, {gcjLon}, {gcjLat}, {name} or {id}.`,
    (p) =>
      `链接模板中有未知占位符 ${p.placeholder}。可用的占位符为 {lon}、{lat}、{gcjLon}、{gcjLat}、{name}、{id}。`,
  ),

  // --- languages ---------------------------------------------------------------------------------
  'lang.default-not-listed': entry<{ lang: string }>(
    'error',
    (p) => `defaultLanguage ${q(p.lang)} is not in "languages". Add it there or change defaultLanguage.`,
    (p) => `默认语言 ${q(p.lang)} 不在 "languages" 中。请添加它或修改 defaultLanguage。`,
  ),
  'lang.duplicate': entry<{ lang: string }>(
    'error',
    (p) => `language ${q(p.lang)} is listed twice in "languages". List it once.`,
    (p) => `语言 ${q(p.lang)} 在 "languages" 中出现了两次。请只保留一次。`,
  ),
  'lang.missing-translation': entry<{ lang: string }>(
    'warning',
    (p) => `no ${p.lang} text here; visitors will see the default language instead. Add the translation.`,
    (p) => `此处缺少 ${p.lang} 文本，观众将看到默认语言。请补充翻译。`,
  ),
  'lang.unlisted': entry<{ lang: string }>(
    'warning',
    (p) =>
      `text in ${q(p.lang)}, which is not in "languages", is never shown. Add the language or remove the text.`,
    (p) => `${q(p.lang)} 不在 "languages" 中，此文本不会显示。请添加该语言或删除此文本。`,
  ),

  // --- value sanity --------------------------------------------------------------------------------
  'range.invalid': entry<{ low: string; lowValue: number; high: string; highValue: number }>(
    'error',
    (p) => `${p.low} (${p.lowValue}) must be less than ${p.high} (${p.highValue}). Correct the values.`,
    (p) => `${p.low}（${p.lowValue}）必须小于 ${p.high}（${p.highValue}）。请修正这两个值。`,
  ),
  'range.dates': entry<{ from: string; to: string }>(
    'error',
    (p) => `the period starts (${p.from}) after it ends (${p.to}). Swap or correct the dates.`,
    (p) => `时间段的开始（${p.from}）晚于结束（${p.to}）。请交换或修正日期。`,
  ),
  'range.preset-outside-limits': entry<{ id: string }>(
    'warning',
    (p) =>
      `camera preset ${q(p.id)} is outside sandTable.camera.limits (distance or tilt); the camera will jump when touched. Adjust the preset or the limits.`,
    (p) =>
      `镜头预设 ${q(p.id)} 超出 sandTable.camera.limits（距离或俯角），触摸时镜头会跳变。请调整预设或限制。`,
  ),
  'range.outside-bounds': entry<{ id: string }>(
    'warning',
    (p) =>
      `${q(p.id)} lies outside sandTable.bounds and will be off the table. Fix its position or the bounds.`,
    (p) => `${q(p.id)} 位于 sandTable.bounds 之外，不会显示在沙盘上。请修正其位置或沙盘范围。`,
  ),
  'range.event-outside-era': entry<{ id: string; era: string }>(
    'warning',
    (p) => `event ${q(p.id)} is dated outside its era ${q(p.era)}. Check the date or the era.`,
    (p) => `事件 ${q(p.id)} 的日期不在其所属时期 ${q(p.era)} 之内。请检查日期或时期。`,
  ),
  'media.extension-mismatch': entry<{ id: string; path: string; kind: string; allowed: string }>(
    'error',
    (p) =>
      `media ${q(p.id)} is ${p.kind}, but ${q(p.path)} is not one of ${p.allowed}. Convert the file or fix the kind.`,
    (p) =>
      `媒体 ${q(p.id)} 的类型为 ${p.kind}，但 ${q(p.path)} 不是 ${p.allowed} 之一。请转换文件或修正类型。`,
  ),

  // --- files and content types ------------------------------------------------------------------------
  'content.forbidden-type': entry<{ path: string; allowed: string }>(
    'error',
    (p) =>
      `${q(p.path)} is a file type packs may not contain (scripts, HTML, SVG …). Allowed: ${p.allowed}. Remove or convert it.`,
    (p) =>
      `${q(p.path)} 是内容包不允许的文件类型（脚本、HTML、SVG 等）。允许的类型：${p.allowed}。请删除或转换。`,
  ),
  'files.reserved': entry<{ path: string }>(
    'error',
    (p) => `${q(p.path)} is reserved for the pack itself and cannot be listed in "files". Remove the entry.`,
    (p) => `${q(p.path)} 是内容包保留文件名，不能列在 "files" 中。请删除该条目。`,
  ),
  'files.case-collision': entry<{ path: string; other: string }>(
    'error',
    (p) => `${q(p.path)} and ${q(p.other)} differ only in letter case and collide on Windows. Rename one.`,
    (p) => `${q(p.path)} 与 ${q(p.other)} 仅大小写不同，在 Windows 上会冲突。请重命名其中一个。`,
  ),
  'files.missing': entry<{ path: string }>(
    'error',
    (p) => `${q(p.path)} is listed in "files" but is not in the pack. Add the file or rebuild the pack.`,
    (p) => `${q(p.path)} 列在 "files" 中，但内容包中没有该文件。请添加该文件或重新构建内容包。`,
  ),
  'files.size-mismatch': entry<{ path: string; expected: number; actual: number }>(
    'error',
    (p) =>
      `${q(p.path)} is ${p.actual} bytes but "files" says ${p.expected}. The file changed or is damaged: rebuild or copy it again.`,
    (p) =>
      `${q(p.path)} 大小为 ${p.actual} 字节，但 "files" 记录为 ${p.expected} 字节。文件已被修改或损坏：请重新构建或重新复制。`,
  ),
  'files.hash-mismatch': entry<{ path: string }>(
    'error',
    (p) =>
      `${q(p.path)} does not match its SHA-256 in "files". The file changed or is damaged: rebuild or copy it again.`,
    (p) => `${q(p.path)} 与 "files" 中记录的 SHA-256 不符。文件已被修改或损坏：请重新构建或重新复制。`,
  ),
  'files.unlisted': entry<{ path: string }>(
    'warning',
    (p) =>
      `${q(p.path)} is in the pack but not in "files"; it will never be shown. Rebuild the pack or remove the file.`,
    (p) => `${q(p.path)} 在内容包中，但不在 "files" 中，不会被显示。请重新构建内容包或删除该文件。`,
  ),
  'files.symlink': entry<{ path: string }>(
    'error',
    (p) => `${q(p.path)} is a symbolic link. Packs hold real files only: copy the file in.`,
    (p) => `${q(p.path)} 是符号链接。内容包只能包含实际文件：请把文件复制进来。`,
  ),
  'files.hidden': entry<{ path: string }>(
    'error',
    (p) =>
      `${q(p.path)} is a hidden file and would be shipped with the pack. Remove it (system files such as .DS_Store are ignored).`,
    (p) => `${q(p.path)} 是隐藏文件，会随内容包一起发布。请删除它（.DS_Store 等系统文件会被忽略）。`,
  ),
  'files.special': entry<{ path: string }>(
    'error',
    (p) => `${q(p.path)} is not a regular file or folder. Remove it.`,
    (p) => `${q(p.path)} 不是普通文件或文件夹。请删除它。`,
  ),
  'files.unsafe-path': entry<{ path: string }>(
    'error',
    (p) =>
      `${q(p.path)} is not a safe file name (no "..", "\\", ":", control characters, trailing dot or space; at most 240 characters). Rename it.`,
    (p) =>
      `${q(p.path)} 不是安全的文件名（不能含 ".."、"\\"、":"、控制字符，不能以点或空格结尾，最长 240 个字符）。请重命名。`,
  ),
  'files.too-many': entry<{ max: number }>(
    'error',
    (p) => `the pack has more than ${p.max} files. Combine or remove files.`,
    (p) => `内容包的文件数超过 ${p.max} 个。请合并或删除部分文件。`,
  ),
  'files.read-error': entry<{ path: string; detail: string }>(
    'error',
    (p) => `${q(p.path)} could not be read (${p.detail}). Check the disk or USB stick and try again.`,
    (p) => `无法读取 ${q(p.path)}（${p.detail}）。请检查磁盘或 U 盘后重试。`,
  ),

  // --- signature ---------------------------------------------------------------------------------------
  'sig.missing': entry(
    'error',
    () => 'the pack is not signed (no pack.sig). Sign it with hallpack sign --key <key.pem>.',
    () => '内容包未签名（缺少 pack.sig）。请用 hallpack sign --key <密钥.pem> 签名。',
  ),
  'sig.malformed': entry<{ detail: string }>(
    'error',
    (p) => `pack.sig is not a valid signature file (${p.detail}). Sign the pack again.`,
    (p) => `pack.sig 不是有效的签名文件（${p.detail}）。请重新签名。`,
  ),
  'sig.truncated': entry(
    'error',
    () => 'pack.sig is cut short (incomplete copy?). Copy the pack again or sign it again.',
    () => 'pack.sig 不完整（可能复制未完成）。请重新复制内容包或重新签名。',
  ),
  'sig.untrusted-key': entry<{ keyId: string }>(
    'error',
    (p) =>
      `the pack is signed with key ${p.keyId}, which this kiosk does not trust. If you trust whoever holds that key, add its public key on the kiosk: hallpack trust add <their .pub.pem> --data-dir <the kiosk's data folder>; otherwise sign the pack with a key the kiosk trusts.`,
    (p) =>
      `内容包使用密钥 ${p.keyId} 签名，本机不信任该密钥。如信任该密钥的持有者，请在展机上添加其公钥：hallpack trust add <公钥 .pub.pem> --data-dir <展机数据文件夹>；否则请用本机信任的密钥签名。`,
  ),
  'sig.invalid': entry<{ keyId: string }>(
    'error',
    (p) =>
      `the signature (key ${p.keyId}) does not match pack.json: the pack was changed after signing or is damaged. Do not use it; get a fresh copy.`,
    (p) =>
      `签名（密钥 ${p.keyId}）与 pack.json 不符：内容包在签名后被修改或已损坏。请勿使用，请获取新的副本。`,
  ),
  'sig.bad-key': entry<{ detail: string }>(
    'error',
    (p) => `the key is not a usable Ed25519 key (${p.detail}). Use a key made by hallpack keygen.`,
    (p) => `该密钥不是可用的 Ed25519 密钥（${p.detail}）。请使用 hallpack keygen 生成的密钥。`,
  ),

  // --- archives and the store (used by the pack source and store) ---------------------------------
  'archive.corrupt': entry<{ detail: string }>(
    'error',
    (p) => `the .hallpack file is damaged or not a zip (${p.detail}). Copy it again.`,
    (p) => `.hallpack 文件已损坏或不是 zip 文件（${p.detail}）。请重新复制。`,
  ),
  'archive.too-large': entry<{ detail: string }>(
    'error',
    (p) => `the archive is too large or expands too much (${p.detail}). Check where the file came from.`,
    (p) => `压缩包过大或解压后体积异常（${p.detail}）。请检查文件来源。`,
  ),
  'store.downgrade': entry<{ id: string; version: string; accepted: string }>(
    'error',
    (p) =>
      `pack ${q(p.id)} version ${p.version} is not newer than ${p.accepted}, already accepted. Publish a higher version, or roll back explicitly from the staff screen.`,
    (p) =>
      `内容包 ${q(p.id)} 的版本 ${p.version} 不高于已接受的 ${p.accepted}。请发布更高版本，或在管理界面中明确回退。`,
  ),
  'build.write-failed': entry<{ path: string; detail: string }>(
    'error',
    (p) =>
      `could not write ${q(p.path)} (${p.detail}). Check the folder and free disk space; nothing half-written was left.`,
    (p) => `无法写入 ${q(p.path)}（${p.detail}）。请检查文件夹和磁盘空间；不会留下写了一半的文件。`,
  ),
  'build.out-dir-in-use': entry<{ path: string }>(
    'error',
    (p) =>
      `${q(p.path)} exists and does not hold a built pack; it will not be replaced. Choose a new or empty folder.`,
    (p) => `${q(p.path)} 已存在且不是构建好的内容包，不会被替换。请选择新的或空的文件夹。`,
  ),

  // ==== pack source reader and pack store (owned by the store: electron/node/pack/{source,archive,store}) ====
  'archive.absolute-path': entry<{ path: string }>(
    'error',
    (p) =>
      `entry ${q(p.path)} is an absolute path or has a drive letter; refused. Rebuild the pack with hallpack build.`,
    (p) => `条目 ${q(p.path)} 是绝对路径或带盘符，已拒绝。请用 hallpack build 重新构建内容包。`,
  ),
  'archive.traversal': entry<{ path: string }>(
    'error',
    (p) =>
      `entry ${q(p.path)} contains ".." and would write outside the pack; refused. Do not use this file.`,
    (p) => `条目 ${q(p.path)} 含有 ".."，会写到内容包之外，已拒绝。请勿使用此文件。`,
  ),
  'archive.backslash': entry<{ path: string }>(
    'error',
    (p) =>
      `entry ${q(p.path)} uses "\\" as a separator; packs use "/". Rebuild the pack with hallpack build.`,
    (p) => `条目 ${q(p.path)} 使用 "\\" 作为分隔符，内容包只能用 "/"。请用 hallpack build 重新构建内容包。`,
  ),
  'archive.invalid-name': entry<{ path: string; reason: string; reasonZh: string }>(
    'error',
    (p) =>
      `entry ${q(p.path)} has a name that is not portable (${p.reason}). Rename it and rebuild the pack.`,
    (p) => `条目 ${q(p.path)} 的名称不可移植（${p.reasonZh}）。请重命名后重新构建内容包。`,
  ),
  'archive.symlink': entry<{ path: string }>(
    'error',
    (p) =>
      `entry ${q(p.path)} is a symbolic link or special file; refused. Put the real file in the pack and rebuild.`,
    (p) => `条目 ${q(p.path)} 是符号链接或特殊文件，已拒绝。请放入实际文件后重新构建。`,
  ),
  'archive.duplicate': entry<{ path: string }>(
    'error',
    (p) =>
      `entry ${q(p.path)} appears more than once, or clashes with a folder of the same name; refused. Rebuild the pack.`,
    (p) => `条目 ${q(p.path)} 重复出现，或与同名文件夹冲突，已拒绝。请重新构建内容包。`,
  ),
  'archive.case-collision': entry<{ path: string; other: string }>(
    'error',
    (p) =>
      `${q(p.path)} and ${q(p.other)} differ only in letter case or Unicode form and would overwrite each other on Windows or macOS. Rename one.`,
    (p) =>
      `${q(p.path)} 与 ${q(p.other)} 仅大小写或 Unicode 形式不同，在 Windows 或 macOS 上会互相覆盖。请重命名其中一个。`,
  ),
  'archive.ratio-bomb': entry<{ path: string; ratio: number; max: number }>(
    'error',
    (p) =>
      `entry ${q(p.path)} expands ${p.ratio}:1 (limit ${p.max}:1), the signature of a zip bomb; refused. Check where the file came from.`,
    (p) =>
      `条目 ${q(p.path)} 解压比为 ${p.ratio}:1（上限 ${p.max}:1），疑似“压缩炸弹”，已拒绝。请检查文件来源。`,
  ),
  'archive.too-many-files': entry<{ max: number }>(
    'error',
    (p) => `the pack has more than ${p.max} entries. Combine small files or split the pack.`,
    (p) => `内容包的条目超过 ${p.max} 个。请合并小文件或拆分内容包。`,
  ),
  'archive.path-too-long': entry<{ path: string; bytes: number; max: number }>(
    'error',
    (p) =>
      `path ${q(p.path)} is ${p.bytes} bytes long; the limit is ${p.max}. Shorten the file or folder names.`,
    (p) => `路径 ${q(p.path)} 长 ${p.bytes} 字节，上限为 ${p.max} 字节。请缩短文件名或文件夹名。`,
  ),
  'archive.unsupported': entry<{ path: string; detail: string }>(
    'error',
    (p) =>
      `entry ${q(p.path)} uses a zip feature this app does not read (${p.detail}). Rebuild the pack with hallpack build.`,
    (p) =>
      `条目 ${q(p.path)} 使用了本程序不支持的 zip 特性（${p.detail}）。请用 hallpack build 重新构建内容包。`,
  ),
  'source.not-found': entry<{ path: string }>(
    'error',
    (p) => `${q(p.path)} was not found. Check that the USB stick is plugged in and the path is right.`,
    (p) => `找不到 ${q(p.path)}。请检查 U 盘是否插好、路径是否正确。`,
  ),
  'source.unreadable': entry<{ path: string; detail: string }>(
    'error',
    (p) =>
      `${q(p.path)} could not be read (${p.detail}). The USB stick may be damaged: copy the pack again or try another stick.`,
    (p) => `无法读取 ${q(p.path)}（${p.detail}）。U 盘可能已损坏：请重新复制内容包或换一个 U 盘。`,
  ),
  'store.no-space': entry<{ detail: string }>(
    'error',
    (p) =>
      `the disk is full (${p.detail}). Nothing was changed and the current pack stays on screen. Remove unused packs or free disk space, then try again.`,
    (p) =>
      `磁盘空间不足（${p.detail}）。未做任何更改，当前内容包继续显示。请删除不用的内容包或清理磁盘后重试。`,
  ),
  'store.io-error': entry<{ detail: string }>(
    'error',
    (p) =>
      `a disk read or write failed (${p.detail}). Nothing was changed and the current pack stays on screen. Try again; if it keeps happening, have the disk checked.`,
    (p) =>
      `磁盘读写出错（${p.detail}）。未做任何更改，当前内容包继续显示。请重试；如反复出现，请请技术人员检查硬盘。`,
  ),
  'store.not-installed': entry<{ ref: string }>(
    'error',
    (p) => `pack ${p.ref} is not installed. Install it first (hallpack list shows what is installed).`,
    (p) => `内容包 ${p.ref} 未安装。请先安装（hallpack list 可查看已安装的内容包）。`,
  ),
  'store.in-use': entry<{ ref: string }>(
    'error',
    (p) =>
      `pack ${p.ref} is the current or previous pack and cannot be removed. Activate another pack first.`,
    (p) => `内容包 ${p.ref} 是当前或上一个内容包，不能删除。请先启用其他内容包。`,
  ),
  'store.scheduled': entry<{ ref: string }>(
    'error',
    (p) =>
      `pack ${p.ref} is in the schedule and cannot be removed. Remove its schedule entry first (hallpack schedule list).`,
    (p) => `内容包 ${p.ref} 已列入排期，不能删除。请先删除对应的排期（hallpack schedule list）。`,
  ),
  'store.no-previous': entry(
    'error',
    () => 'there is no previous pack to roll back to.',
    () => '没有可以回滚到的上一个内容包。',
  ),
  'store.already-installed': entry<{ ref: string }>(
    'error',
    (p) => `pack ${p.ref} is already installed. Activate it, or publish a higher version.`,
    (p) => `内容包 ${p.ref} 已经安装。请直接启用，或发布更高的版本。`,
  ),
  'store.corrupt-state': entry<{ path: string; detail: string }>(
    'warning',
    (p) =>
      `store file ${q(p.path)} could not be read (${p.detail}); it was ignored safely. Reinstall or activate a pack to rewrite it.`,
    (p) => `存储记录文件 ${q(p.path)} 无法读取（${p.detail}），已安全忽略。重新安装或启用内容包即可重写。`,
  ),
  'store.boot-fallback': entry<{ ref: string; fallback: string; fallbackZh: string }>(
    'warning',
    (p) =>
      `pack ${p.ref} did not pass its start-up check; showing the ${p.fallback} instead. See the problems listed with it.`,
    (p) => `内容包 ${p.ref} 未通过启动检查，已改为显示${p.fallbackZh}。请查看随附的问题。`,
  ),
  'store.uncommitted-boots': entry<{ ref: string; boots: number }>(
    'warning',
    (p) =>
      `pack ${p.ref} was started ${p.boots} times without ever being confirmed as shown; falling back. Check the pack on an authoring machine.`,
    (p) => `内容包 ${p.ref} 已启动 ${p.boots} 次仍未确认显示成功，已回退。请在制作电脑上检查该内容包。`,
  ),
  'store.busy': entry<{
    operation: string;
    operationZh: string;
    holder: string;
    holderZh: string;
    action: string;
    actionZh: string;
  }>(
    'error',
    (p) =>
      `another ${p.operation} holds the pack store's lock: ${p.holder}. Nothing was changed${p.action ? `; ${p.action}` : ''}. Wait for it to finish (hallpack list shows the packs), then run the command again; if that process no longer runs, the next try takes the lock over by itself.`,
    (p) =>
      `另一个${p.operationZh}操作正占用内容包存储锁：${p.holderZh}。未做任何更改${p.actionZh ? `；${p.actionZh}` : ''}。请等待其完成（hallpack list 可查看内容包）后重新运行命令；若该进程已不在运行，下次重试会自动接管存储锁。`,
  ),
  'store.lock-lost': entry<{ holder: string; holderZh: string; installed: string }>(
    'error',
    (p) =>
      `this command lost the pack store's lock before it could finish: it could not refresh it for more than 30 s (the computer slept or was overloaded, or the disk stalled)${p.holder ? ` and ${p.holder} took it over` : ', so another program may take it over'}. ${p.installed ? `${p.installed} was installed but not activated. Wait for any other install to finish, then run: hallpack activate ${p.installed}` : 'Nothing was installed or activated. Wait for any other install to finish, then run the same command again.'}`,
    (p) =>
      `本命令在完成前失去了内容包存储锁：超过 30 秒未能刷新（电脑休眠、负载过高或磁盘停顿）${p.holderZh ? `，${p.holderZh} 已接管` : '，其他程序可能随时接管'}。${p.installed ? `${p.installed} 已安装但未启用。请等待其他安装完成后运行：hallpack activate ${p.installed}` : '未安装也未启用任何内容包。请等待其他安装完成后重新运行同一命令。'}`,
  ),
  'store.served': entry<{ ref: string; pids: string }>(
    'error',
    (p) =>
      `pack ${p.ref} is being shown by a running kiosk (process ${p.pids}) and cannot be removed now. It can be removed once the kiosk shows another pack.`,
    (p) =>
      `内容包 ${p.ref} 正由运行中的展项（进程 ${p.pids}）显示，暂不能删除。待展项改为显示其他内容包后即可删除。`,
  ),
  'store.no-pack': entry(
    'error',
    () => 'no usable pack is available, not even the built-in default. Install a pack.',
    () => '没有任何可用的内容包（包括内置默认包）。请安装内容包。',
  ),
  // ==== end of the pack source reader and pack store block ====

  // ==== staff mode (owned by electron/node/staff and the staff screen) =========================
  'staff.no-pin': entry(
    'error',
    () =>
      'no staff PIN is set on this kiosk, so staff mode stays closed. A technician sets one with: hallpack staff-pin --data-dir <data folder>.',
    () =>
      '本机尚未设置工作人员密码，管理模式无法打开。请技术人员运行：hallpack staff-pin --data-dir <数据目录> 进行设置。',
  ),
  'staff.pin-damaged': entry(
    'error',
    () =>
      'the staff PIN stored in config.json is damaged and cannot be checked. A technician sets it again with: hallpack staff-pin --data-dir <data folder>.',
    () =>
      'config.json 中保存的工作人员密码已损坏，无法校验。请技术人员运行 hallpack staff-pin --data-dir <数据目录> 重新设置。',
  ),
  'staff.pin-format': entry<{ min: number; max: number }>(
    'error',
    (p) => `a staff PIN is ${p.min} to ${p.max} digits (0–9 only). Choose another.`,
    (p) => `工作人员密码须为 ${p.min} 至 ${p.max} 位数字（仅限 0–9）。请重新输入。`,
  ),
  'staff.pin-wrong': entry<{ remaining: number }>(
    'error',
    (p) =>
      `wrong PIN. ${p.remaining > 0 ? `${p.remaining} more tries before a pause.` : 'Staff mode now pauses before the next try.'}`,
    (p) => `密码错误。${p.remaining > 0 ? `再错 ${p.remaining} 次将暂停输入。` : '下次输入前需要等待。'}`,
  ),
  'staff.locked': entry<{ seconds: number }>(
    'error',
    (p) => `too many wrong PINs. Try again in ${p.seconds} seconds.`,
    (p) => `密码错误次数过多。请在 ${p.seconds} 秒后重试。`,
  ),
  'staff.session-ended': entry(
    'error',
    () => 'the staff session has ended (timed out or locked). Enter the PIN again.',
    () => '管理会话已结束（超时或已锁定）。请重新输入密码。',
  ),
  'staff.unavailable': entry<{ detail: string }>(
    'error',
    (p) =>
      `staff mode cannot reach the kiosk service (${p.detail}). Try again; if it persists, restart the kiosk.`,
    (p) => `管理模式无法连接信息亭服务（${p.detail}）。请重试；如仍无法连接，请重启信息亭。`,
  ),
  'staff.no-store': entry(
    'error',
    () => 'this kiosk was started without a pack store (a preview server), so packs cannot be changed here.',
    () => '本信息亭启动时未启用内容包存储（预览服务器），无法在此更换内容包。',
  ),
  'staff.not-removable': entry<{ path: string }>(
    'error',
    (p) =>
      `${JSON.stringify(p.path)} is not on a USB stick or folder this kiosk reads packs from. Choose a pack from the list.`,
    (p) => `${JSON.stringify(p.path)} 不在本机读取内容包的 U 盘或文件夹中。请从列表中选择内容包。`,
  ),
  'staff.export-failed': entry<{ path: string; detail: string }>(
    'error',
    (p) =>
      `could not write the export to ${JSON.stringify(p.path)} (${p.detail}). Check that the USB stick is plugged in, not write-protected and not full; nothing half-written was left.`,
    (p) =>
      `无法把导出文件写入 ${JSON.stringify(p.path)}（${p.detail}）。请检查 U 盘是否插好、是否写保护或已满；不会留下写了一半的文件。`,
  ),
  'staff.config-invalid': entry<{ path: string }>(
    'error',
    (p) =>
      `${JSON.stringify(p.path)} is not a valid JSON object, so the PIN was not written (nothing changed). Fix or remove the file, then try again.`,
    (p) =>
      `${JSON.stringify(p.path)} 不是有效的 JSON 对象，未写入密码（未做任何更改）。请修正或删除该文件后重试。`,
  ),
  // ==== end of the staff mode block ====
} as const;

export type ProblemCode = keyof typeof problemCatalogue;

type ParamsOf<C extends ProblemCode> = Parameters<(typeof problemCatalogue)[C]['en']>[0];

/** Options of `problem()`: where in the file, and a severity other than the catalogue's. */
export type ProblemOptions = { path?: string; severity?: ProblemSeverity };

/** Builds the catalogued problem `code` for `file`. */
export function problem<C extends ProblemCode>(
  code: C,
  file: string,
  params: ParamsOf<C>,
  options: ProblemOptions = {},
): PackProblem {
  const e = problemCatalogue[code] as unknown as Entry<ParamsOf<C>>;
  const result: PackProblem = {
    code,
    severity: options.severity ?? e.severity,
    file,
    rule: code,
    message: { 'zh-Hans': e.zh(params), en: e.en(params) },
  };
  if (options.path !== undefined && options.path !== '') result.path = options.path;
  return result;
}

/** Formats a problem for people on one line: `file: rule: message` (the JSON path leads the message). */
export function formatProblem(p: PackProblem, language: ProblemLanguage = 'en'): string {
  const message = p.message[language] || p.message.en;
  const where = p.path ? `${p.path}: ` : '';
  return `${p.file}: ${p.rule}: ${where}${message}`.replace(/[\r\n]+/g, ' ');
}

/** True when at least one problem refuses the pack. */
export function hasErrors(problems: readonly PackProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Counts by severity, for summaries. */
export function countProblems(problems: readonly PackProblem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

/**
 * A JSON path in the style people read: `places[3].category`, `media["a b"].src`.
 * Keys that are valid identifiers use dots; others are quoted.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const k = String(key);
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)) out += out === '' ? k : `.${k}`;
      else out += `[${JSON.stringify(k)}]`;
    }
  }
  return out;
}
