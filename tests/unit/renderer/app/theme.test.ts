import { describe, expect, it } from 'vitest';
import { themeSchema } from '../../../../electron/shared/pack-schema';
import { themeVariables } from '../../../../renderer/src/app/theme';

describe('theme variables', () => {
  it('maps the pack colours to --pack-* variables', () => {
    const theme = themeSchema.parse({ colors: { background: '#000000', accent: '#aa0000' } });
    const vars = themeVariables(theme);
    expect(vars).toMatchObject({
      '--pack-bg': '#000000',
      '--pack-accent': '#aa0000',
      '--pack-gold': '#c9a45c',
    });
    expect(vars['--pack-fonts']).toBe('');
  });

  it('appends pack font families after the app fonts, quoted', () => {
    const theme = themeSchema.parse({});
    expect(themeVariables(theme, ['Rare Glyphs', 'Bad"Name'])['--pack-fonts']).toBe(
      ', "Rare Glyphs", "BadName"',
    );
  });
});
