import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import type { ThemeKind } from './ports';

export function fluentThemeOf(kind: ThemeKind): Theme {
  if (kind === 'high-contrast') return teamsHighContrastTheme;
  return kind === 'dark' ? webDarkTheme : webLightTheme;
}

/** Relative luminance (0 black to 1 white) of a `#rrggbb` colour; null when it is not one. */
export function luminanceOf(hexColor: string): number | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hexColor.trim());
  if (match === null) return null;
  const [red, green, blue] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (red ?? 0) + 0.7152 * (green ?? 0) + 0.0722 * (blue ?? 0);
}

/**
 * Chooses the theme kind from Office's body background colour. Outlook does not support
 * `officeTheme.isDarkTheme` or `themeId`, so the colour is the only reliable signal there. The
 * operating system's forced-colours mode means high contrast, whatever the Office colours are.
 */
export function themeKindOf(bodyBackgroundColor: string | undefined, forcedColors: boolean): ThemeKind {
  if (forcedColors) return 'high-contrast';
  const luminance = bodyBackgroundColor === undefined ? null : luminanceOf(bodyBackgroundColor);
  return luminance !== null && luminance < 0.2 ? 'dark' : 'light';
}
