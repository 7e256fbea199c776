import { defaultTheme, type RaThemeOptions } from 'react-admin';

const font =
  '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", Roboto, Helvetica, Arial, sans-serif';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  // warning and info darker than MUI's: white on their chips and their text on white reach 4.5:1 (WCAG AA)
  palette: {
    primary: { main: '#9c1c1c' },
    secondary: { main: '#37474f' },
    warning: { main: '#a84f00', light: '#ed6c02', dark: '#7a3900', contrastText: '#fff' },
    info: { main: '#01579b', light: '#0288d1', dark: '#013f70', contrastText: '#fff' },
  },
  typography: { fontFamily: font },
  components: {
    ...defaultTheme.components,
    MuiTooltip: { styleOverrides: { tooltip: { fontSize: 13, maxWidth: 520, lineHeight: 1.6 } } },
    // a spinner needs a name for screen readers (react-admin's loading indicator gives it none)
    MuiCircularProgress: { defaultProps: { 'aria-label': '加载中' } },
    // so does a progress bar (a lazy screen loading, a job running): axe's aria-progressbar-name
    MuiLinearProgress: { defaultProps: { 'aria-label': '加载中' } },
    // a filled button switches colours at once: fading from the grey of 「运行中」 (disabled) to the
    // primary red would pass through white text on light grey (1.3:1) for a quarter second
    MuiButton: { styleOverrides: { contained: { transition: 'box-shadow 250ms cubic-bezier(0.4, 0, 0.2, 1) 0ms' } } },
  },
};
