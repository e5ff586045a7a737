import { messageFileProblems } from '@cicu/web/message-files';
import { HUB_MESSAGES } from './index';

describe('the hub app message files', () => {
  it('French and German have exactly the English keys and interpolations', () => {
    expect(messageFileProblems(HUB_MESSAGES)).toEqual([]);
  });
});
