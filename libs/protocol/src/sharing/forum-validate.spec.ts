import {
  validateForumEditContent,
  validateForumNotificationsReadContent,
  validateForumReplyContent,
  validateForumSubscriptionContent,
  validateForumThreadContent,
  validateUnitProfileContent,
} from './forum-validate';

const ID = '0190f1a2-3b4c-7d5e-8f60-718293a4b5c6';
const thread = { category: 'tools', title: 'Crawling hidden marketplaces', body: 'We use **X**.', documents: [], overrides: [] };
const pathsOf = (result: { ok: boolean; errors?: { path: string }[] }) => (result.ok ? [] : result.errors!.map((e) => e.path));

describe('forum and unit-directory action contents', () => {
  it('accept a thread, a reply with a quote, an edit, subscriptions and a read mark', () => {
    expect(validateForumThreadContent(thread).ok).toBe(true);
    expect(validateForumReplyContent({ threadId: ID, body: 'Agreed.', quote: { postId: ID, excerpt: 'We use' }, documents: [ID], overrides: [] }).ok).toBe(true);
    expect(validateForumEditContent({ postId: ID, baseRevision: 1, body: 'We use **Y**.', documents: [], overrides: [] }).ok).toBe(true);
    expect(validateForumSubscriptionContent({ target: { kind: 'thread', threadId: ID }, subscribed: true }).ok).toBe(true);
    expect(validateForumSubscriptionContent({ target: { kind: 'category', category: 'trends' }, subscribed: false }).ok).toBe(true);
    expect(validateForumNotificationsReadContent({ notificationIds: [ID] }).ok).toBe(true);
  });

  it('refuse unknown categories, blank text, extra members and duplicate links, naming each field', () => {
    expect(pathsOf(validateForumThreadContent({ ...thread, category: 'gossip' }))).toEqual(['/category']);
    expect(pathsOf(validateForumThreadContent({ ...thread, title: '   ' }))).toEqual(['/title']);
    // Not blank, yet no text PostgreSQL stores or RFC 8785 canonicalizes: U+0000, a lone surrogate.
    expect(pathsOf(validateForumThreadContent({ ...thread, title: 'Crawling\u0000', body: 'x\ud800y' }))).toEqual(['/title', '/body']);
    expect(validateForumThreadContent({ ...thread, title: '  🕸 Crawling  ' }).ok).toBe(true);
    expect(pathsOf(validateForumThreadContent({ ...thread, documents: [ID, ID] }))).toEqual(['/documents']);
    expect(pathsOf(validateForumThreadContent({ ...thread, author: 'me' }))).toEqual(['']);
    expect(pathsOf(validateForumReplyContent({ threadId: 'x', body: 'a'.repeat(20_001), documents: [], overrides: [] }))).toEqual(['/threadId', '/body']);
    expect(pathsOf(validateForumReplyContent({ threadId: ID, body: 'ok', quote: { postId: ID, excerpt: 'a'.repeat(1001) }, documents: [], overrides: [] }))).toEqual(['/quote/excerpt']);
    expect(pathsOf(validateForumEditContent({ postId: ID, baseRevision: 0, body: 'x', documents: [], overrides: [] }))).toEqual(['/baseRevision']);
    expect(pathsOf(validateForumSubscriptionContent({ target: { kind: 'category', category: 'x' }, subscribed: true }))).toEqual(['/target/category']);
    expect(pathsOf(validateForumNotificationsReadContent({ notificationIds: [] }))).toEqual(['/notificationIds']);
  });

  it('want a unit profile with functional contact points that each give an e-mail address or a phone number', () => {
    const profile = {
      baseVersion: 0,
      description: 'Internet investigations for French customs.',
      competences: ['medicines', 'ipr-counterfeits'],
      languages: ['fr', 'en'],
      contactPoints: [{ function: 'Duty desk', email: 'cyber-desk@douane.example.org', phone: '+33199001234', hours: 'Mon–Fri 08:00–18:00 CET' }],
    };
    expect(validateUnitProfileContent(profile).ok).toBe(true);
    expect(pathsOf(validateUnitProfileContent({ ...profile, contactPoints: [{ function: 'Duty desk' }] }))).toContain('/contactPoints/0');
    expect(pathsOf(validateUnitProfileContent({ ...profile, contactPoints: [{ function: 'Desk', email: 'not an address' }] }))).toEqual(['/contactPoints/0/email']);
    expect(pathsOf(validateUnitProfileContent({ ...profile, languages: ['xx'] }))).toEqual(['/languages/0']);
    expect(pathsOf(validateUnitProfileContent({ ...profile, competences: [] }))).toEqual(['/competences']);
  });
});
