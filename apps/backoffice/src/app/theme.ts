import { createTheme } from '@mantine/core';

/** Calm greens, contrast kept at WCAG AA for text on every shade used (axe checks it). */
export const theme = createTheme({
  primaryColor: 'respire',
  primaryShade: 8,
  colors: {
    respire: ['#e6f4ee', '#cde8dd', '#9dd1bb', '#69b997', '#3fa47a', '#2a8f66', '#1f7a56', '#186847', '#125539', '#0b432c'],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
  focusRing: 'always',
});
