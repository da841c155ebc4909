import React, { useEffect, useState } from 'react';
import { Box, H2, H5, Loader, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import { formatDeskTime } from './time-format';

const Card = ({ title, value, href, testId }) => (
  <Box variant="card" p="lg" mr="lg" mb="lg" width={[1, 1 / 2, 1 / 5]} data-testid={testId}>
    <H5>{title}</H5>
    <Text fontSize="h2">{href ? <a href={href}>{value}</a> : value}</Text>
  </Box>
);

/** Articles by status, duplicates waiting, and the latest imports with their counts. */
const Dashboard = () => {
  const [data, setData] = useState(null);
  useEffect(() => {
    new ApiClient().getDashboard().then((response) => setData(response.data));
  }, []);
  if (!data) return <Loader />;
  const list = (filters) => `/admin/resources/Article?${new URLSearchParams(filters).toString()}`;
  return (
    <Box variant="grey" p="xl">
      <H2>Newsroom desk</H2>
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
      <Box variant="card" p="lg">
        <H5>Latest imports</H5>
        <Table width={1}>
          <TableHead>
            <TableRow>
              <TableCell>Import</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Duplicates</TableCell>
              <TableCell>Lines removed</TableCell>
              <TableCell>Warnings</TableCell>
              <TableCell>When</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.latestImports.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell><a href={`/admin/resources/Import/records/${entry.id}/show`}>#{entry.id} {entry.fileName}</a></TableCell>
                <TableCell>{entry.status}</TableCell>
                <TableCell>{entry.counts ? entry.counts.articlesCreated : '—'}</TableCell>
                <TableCell>{entry.counts ? entry.counts.exactDuplicates + entry.counts.nearDuplicates : '—'}</TableCell>
                <TableCell>{entry.counts ? entry.counts.linesRemoved : '—'}</TableCell>
                <TableCell>{entry.counts ? entry.counts.warnings : '—'}</TableCell>
                <TableCell>{formatDeskTime(entry.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};

export default Dashboard;
