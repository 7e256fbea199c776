import { defaultTheme, type RaThemeOptions } from 'react-admin';

const font = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", Roboto, Helvetica, Arial, sans-serif';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: { primary: { main: '#9c1c1c' }, secondary: { main: '#37474f' } },
  typography: { fontFamily: font },
  components: {
    ...defaultTheme.components,
    MuiTooltip: { styleOverrides: { tooltip: { fontSize: 13, maxWidth: 520, lineHeight: 1.6 } } },
  },
};
