import React, { useEffect, useRef, useState } from 'react';
import { Badge, Box, H2, H5, Loader, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import { formatDeskTime, scheduledLabel } from './time-format';
import { usePageTitle } from './page-title';

/** How often the dashboard reads again while its tab is visible: an import that finishes shows within this. */
const REFRESH_MS = 5000;
const LAST_VISIT_KEY = 'wiredesk.dashboard.lastVisit';

const Card = ({ title, value, href, testId }) => (
  <Box variant="card" p="lg" mr="lg" mb="lg" width={[1, 1 / 2, 1 / 5]} data-testid={testId}>
    <H5>{title}</H5>
    <Text fontSize="h2">{href ? <a href={href}>{value}</a> : value}</Text>
  </Box>
);

const articleUrl = (id) => `/admin/resources/Article/records/${id}/show`;
const importUrl = (id) => `/admin/resources/Import/records/${id}/show`;
const counted = (counts) =>
  counts ? `${counts.articlesCreated} created, ${counts.exactDuplicates + counts.nearDuplicates} duplicates, ${counts.warnings} warnings` : '';

/** One to-do list: a heading that says what to do, the items, and a link to all of them. */
const ToDo = ({ title, empty, items, render, more, testId }) => (
  <Box variant="card" p="lg" mr="lg" mb="lg" width={[1, 1, 'calc(50% - 24px)']} data-testid={testId}>
    <H5>{title}</H5>
    {items.length === 0 && <Text color="grey60">{empty}</Text>}
    {items.map((item) => (
      <Text key={item.id} mb="sm">{render(item)}</Text>
    ))}
    {more && <Text mt="default">{more}</Text>}
  </Box>
);

/**
 * What needs doing: the review and duplicates queues, imports since your last visit (with their reports) and
 * those in trouble, what goes live next, your recent work; then the counts. It reads again every few
 * seconds while visible, so an import that finishes appears without a reload.
 */
const Dashboard = () => {
  usePageTitle('Dashboard');
  const [data, setData] = useState(null);
  // The previous visit, read once: the whole visit lists what arrived since then.
  const since = useRef(window.localStorage.getItem(LAST_VISIT_KEY) || '');

  useEffect(() => {
    const api = new ApiClient();
    let stopped = false;
    let timer;
    const load = async () => {
      try {
        const response = await api.getDashboard({ params: since.current ? { since: since.current } : {} });
        if (stopped) return;
        setData(response.data);
        window.localStorage.setItem(LAST_VISIT_KEY, response.data.toDo.readAt);
      } finally {
        if (!stopped) timer = setTimeout(tick, REFRESH_MS);
      }
    };
    const tick = () => (document.hidden ? (timer = setTimeout(tick, REFRESH_MS)) : load());
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  if (!data) return <Loader />;
  const { toDo } = data;
  const list = (filters) => `/admin/resources/Article?${new URLSearchParams(filters).toString()}`;
  const importItem = (entry) => (
    <>
      <a href={importUrl(entry.id)}>#{entry.id} {entry.fileName}</a> — <Badge size="sm" variant={entry.status === 'failed' ? 'danger' : entry.status === 'completed' ? 'success' : 'info'}>{entry.status}</Badge>{' '}
      {entry.status === 'completed' ? counted(entry.counts) : entry.error || `since ${formatDeskTime(entry.createdAt)}`}
    </>
  );
  return (
    <Box variant="grey" p="xl" data-testid="dashboard">
      <H2>Newsroom desk</H2>
      <Box flex flexDirection="row" flexWrap="wrap">
        <ToDo
          testId="todo-review"
          title={`Needs review (${toDo.needsReview.count})`}
          empty="Nothing to review: the parser guessed nothing."
          items={toDo.needsReview.items}
          render={(item) => <a href={`/admin/resources/NeedsReview/records/${item.id}/show`}>{item.headline}</a>}
          more={toDo.needsReview.count > toDo.needsReview.items.length && <a href="/admin/resources/NeedsReview">All {toDo.needsReview.count} →</a>}
        />
        <ToDo
          testId="todo-duplicates"
          title={`Duplicates waiting (${toDo.duplicatesWaiting.count})`}
          empty="No duplicates to decide."
          items={toDo.duplicatesWaiting.items}
          render={(item) => <a href={`/admin/resources/Duplicates/records/${item.id}/compare`}>{item.headline}</a>}
          more={toDo.duplicatesWaiting.count > toDo.duplicatesWaiting.items.length && <a href="/admin/resources/Duplicates">All {toDo.duplicatesWaiting.count} →</a>}
        />
        <ToDo
          testId="todo-imports-since"
          title={since.current ? `Imports since your last visit (${formatDeskTime(since.current)})` : 'Imports since your last visit'}
          empty={since.current ? 'No new imports.' : 'Your first visit from this browser: new imports will be listed from now on.'}
          items={toDo.importsSince}
          render={importItem}
        />
        <ToDo testId="todo-troubled-imports" title="Stalled or failed imports" empty="None: every import finished." items={toDo.troubledImports} render={importItem} />
        <ToDo
          testId="todo-next-scheduled"
          title="Going live next"
          empty="Nothing scheduled."
          items={toDo.nextScheduled}
          render={(item) => <><a href={articleUrl(item.id)}>{item.headline}</a> — {scheduledLabel(item.at)}</>}
          more={<a href={list({ 'filters.status': 'scheduled', sortBy: 'scheduledAt', direction: 'asc' })}>All scheduled →</a>}
        />
        <ToDo
          testId="todo-recently-edited"
          title="Your recently edited articles"
          empty="You have not saved any article yet."
          items={toDo.recentlyEdited}
          render={(item) => <><a href={articleUrl(item.id)}>{item.headline}</a> — {item.status}, saved {formatDeskTime(item.at)}</>}
        />
      </Box>
      <Box flex flexDirection="row" flexWrap="wrap">
        <Card title="Drafts" value={data.articlesByStatus.draft} href={list({ 'filters.status': 'draft' })} testId="count-draft" />
        <Card title="Published" value={data.articlesByStatus.published} href={list({ 'filters.status': 'published' })} testId="count-published" />
        <Card title="Unpublished" value={data.articlesByStatus.unpublished} href={list({ 'filters.status': 'unpublished' })} testId="count-unpublished" />
        <Card
          title={`Scheduled, next 24 h (${data.scheduled} in all)`}
          value={data.scheduledSoon.count}
          href={list({
            'filters.status': 'scheduled',
            'filters.scheduledAt~~from': data.scheduledSoon.from,
            'filters.scheduledAt~~to': data.scheduledSoon.to,
            sortBy: 'scheduledAt',
            direction: 'asc',
          })}
          testId="count-scheduled"
        />
        <Card title="Spiked" value={data.articlesByStatus.spiked} href="/admin/resources/Spiked" testId="count-spiked" />
        <Card title="Duplicates waiting" value={data.duplicatesWaiting} href="/admin/resources/Duplicates" testId="count-duplicates" />
      </Box>
      <Box variant="card" p="lg" data-testid="latest-imports">
        <H5>Latest imports</H5>
        {data.latestImports.map((entry) => (
          <Text key={entry.id} mb="sm">{importItem({ ...entry, error: null })}</Text>
        ))}
      </Box>
    </Box>
  );
};

export default Dashboard;
