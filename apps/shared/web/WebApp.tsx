import { createTheme, type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setNonce } from 'get-nonce';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router';

// WCAG AA asks 4.5:1 for small text: the primary shade blue.8 on white is 5.0:1 (white on it
// the same), the default text (black) 21:1.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  other: {},
});

// Below AA for small text on white in Mantine's defaults: the dimmed grey of descriptions and
// hints (gray.6, 3.3:1; #5c5f66 is 6.4:1) and the error red of field messages and invalid
// inputs (red.6, 3.3:1; red.9 is 5.5:1).
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#5c5f66', '--mantine-color-error': 'var(--mantine-color-red-9)' }, dark: {} });

/** The nonce the server put in this page (Vite's <meta property="csp-nonce">), for the <style> tags Mantine injects. */
const styleNonce = (document.querySelector('meta[property="csp-nonce"]') as HTMLMetaElement | null)?.nonce ?? '';
// The same for the <style> that react-remove-scroll (Mantine's Modal) adds through react-style-singleton.
setNonce(styleNonce);

const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 5_000 } } });

/** The providers both web apps sit in: Mantine with the page's nonce, TanStack Query, the router. */
export function WebApp({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" getStyleNonce={() => styleNonce} cssVariablesResolver={contrast}>
      <QueryClientProvider client={queries}>
        <BrowserRouter>{children}</BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
