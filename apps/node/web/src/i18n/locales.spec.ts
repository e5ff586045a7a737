import { messageFileProblems } from '@cicu/web/message-files';
import { NODE_MESSAGES } from './index';

describe('the officers\' app message files', () => {
  it('French and German have exactly the English keys and interpolations', () => {
    expect(messageFileProblems(NODE_MESSAGES)).toEqual([]);
  });
});
