import { createTheme, type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setNonce } from 'get-nonce';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router';

// Blue 8 on white is 8.6:1 and the default text 15:1, above WCAG AA's 4.5:1.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  other: {},
});

// Mantine's dimmed grey (descriptions, hints) is 4.1:1 on white: below AA for small text; 5.7:1 here.
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#5c5f66' }, dark: {} });

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
