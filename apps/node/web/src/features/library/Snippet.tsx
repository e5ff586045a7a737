import { Mark, Text } from '@mantine/core';
import type { Snippet as SnippetValue } from '../../api/client';
import { snippetParts } from './snippet';

/** The matched words in context: text nodes only, the hub's highlights as <mark>. */
export function Snippet({ snippet }: { snippet: SnippetValue }) {
  return (
    <Text size="sm" data-testid="snippet">
      {snippetParts(snippet).map((part, i) => (part.highlighted ? <Mark key={i}>{part.text}</Mark> : <span key={i}>{part.text}</span>))}
    </Text>
  );
}
