import { Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForumCategory } from '../../api/client';
import { Refusal } from '../sharing/Refusal';
import { follows, useSubscriptions } from './forum-api';
import { setSubscription } from './forum-writes';

/** Subscribe to, or unsubscribe from, a thread or a category (notifications of new posts). */
export function FollowButton({ target }: { target: { kind: 'thread'; threadId: string } | { kind: 'category'; category: ForumCategory } }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const subscriptions = useSubscriptions();
  const [error, setError] = useState<unknown>(undefined);
  const following = follows(subscriptions.data, target);
  const toggle = async () => {
    const answer = await setSubscription(target, !following);
    setError(answer.error);
    await queries.invalidateQueries({ queryKey: ['get', '/v1/forum/subscriptions'] });
  };
  return (
    <>
      <Button variant="default" size="xs" aria-pressed={following} onClick={() => void toggle()} disabled={subscriptions.data === undefined} data-testid="follow">
        {following ? t('forum.unfollow') : t('forum.follow')}
      </Button>
      <Refusal error={error} />
    </>
  );
}
