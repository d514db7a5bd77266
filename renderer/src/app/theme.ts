import type { Theme } from '../../../electron/shared/pack-schema';

/**
 * Pack theme colours become `--pack-*` custom properties on the root. tokens.css maps them to
 * the `--c-*` variables the styles read, so presets (high contrast) can still override them.
 */
export function themeVariables(
  theme: Theme,
  packFontFamilies: readonly string[] = [],
): Record<string, string> {
  const c = theme.colors;
  const extra = packFontFamilies.map((f) => `, "${f.replace(/"/g, '')}"`).join('');
  return {
    '--pack-bg': c.background,
    '--pack-surface': c.surface,
    '--pack-text': c.text,
    '--pack-muted': c.muted,
    '--pack-accent': c.accent,
    '--pack-gold': c.gold,
    '--pack-fonts': extra,
  };
}

export function applyThemeVariables(root: HTMLElement, variables: Record<string, string>): void {
  for (const [name, value] of Object.entries(variables)) root.style.setProperty(name, value);
}
