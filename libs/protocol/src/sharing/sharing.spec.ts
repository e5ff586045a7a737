import { validateLibraryDocumentContent, validateLibrarySearchQuery, validateLibraryVersionContent, validateSharingAction } from './validate';

const content = {
  document: { title: 'Tracking vendors', summary: 'How vendors move.', category: 'trend', areas: ['medicines'], language: 'fr', tags: ['darknet', 'Zollbehörde 2.0'], visibility: { scope: 'members' } },
  file: { name: 'vendeurs é.pdf', size: 10, controlNumber: `sha256:${'0'.repeat(64)}` },
  overrides: [],
};
const paths = (result: { ok: boolean; errors?: { path: string }[] }) => (result.ok ? [] : (result.errors ?? []).map((e) => e.path).sort());

describe('sharing schemas', () => {
  it('accept a library upload and report each wrong field without its value', () => {
    expect(validateLibraryDocumentContent(content)).toEqual({ ok: true, value: content });
    const bad = validateLibraryDocumentContent({
      ...content,
      document: { ...content.document, category: 'gossip', areas: [], tags: ['<script>'], visibility: { scope: 'units', units: [] } },
      file: { ...content.file, name: '../etc/passwd' },
      overrides: [{ location: 'file', kind: 'EMAIL', start: 0, end: 5, justification: 'short' }],
    });
    expect(paths(bad)).toEqual(['/document/areas', '/document/category', '/document/tags/0', '/document/visibility/units', '/file/name', '/overrides/0/justification']);
    expect(JSON.stringify(bad)).not.toContain('passwd');
  });

  it('take a version for an existing document id only', () => {
    expect(validateLibraryVersionContent({ documentId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', file: content.file, overrides: [] }).ok).toBe(true);
    expect(paths(validateLibraryVersionContent({ documentId: 'x', file: content.file, overrides: [] }))).toEqual(['/documentId']);
  });

  it('check the claims of a signed action', () => {
    const claims = { v: 1, kind: 'sharing-action', action: 'library.version.create', officer: { id: '22222222-2222-4222-8222-222222222222', displayName: 'A' }, unit: 'FR-CYBERDOUANE', digest: `sha256:${'a'.repeat(64)}`, iat: 1, jti: 'abcdefghijklmnop' };
    expect(validateSharingAction(claims).ok).toBe(true);
    expect(paths(validateSharingAction({ ...claims, action: 'forum.delete.everything', jti: 'short' }))).toEqual(['/action', '/jti']);
  });

  it('check search parameters as they arrive in a URL', () => {
    expect(validateLibrarySearchQuery({ q: 'tracking', page: '2', pageSize: '50', from: '2026-01-01', to: '2026-02-01T00:00:00Z' }).ok).toBe(true);
    expect(paths(validateLibrarySearchQuery({ page: '0', pageSize: ['1', '2'], area: 'x', other: '1' }))).toEqual(['', '/area', '/page', '/pageSize']);
  });
});
