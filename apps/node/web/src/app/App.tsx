import { createTheme, type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from '../auth/session';
import { AppRoutes } from './AppRoutes';

// Blue 9 on white is 8.6:1 and the default text 15:1, above WCAG AA's 4.5:1; the dimmed grey
// is darkened from Mantine's default (4.1:1) to 5.7:1.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  other: {},
});

// Mantine's dimmed grey (descriptions, hints) is 4.1:1 on white: below AA for small text.
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#5c5f66' }, dark: {} });

/** The nonce the node put in this page (Vite's <meta property="csp-nonce">), for the <style> tags Mantine injects. */
const styleNonce = (document.querySelector('meta[property="csp-nonce"]') as HTMLMetaElement | null)?.nonce ?? '';

const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 5_000 } } });

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" getStyleNonce={() => styleNonce} cssVariablesResolver={contrast}>
      <QueryClientProvider client={queries}>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
