import React, { useEffect, useState } from 'react';
import { Box, Button, H5, Text } from '@adminjs/design-system';
import { ApiClient, flat } from 'adminjs';
import { api, errorText } from './panel-api';

const REFRESH_MS = 3000;
const UNFINISHED = ['queued', 'running'];

/** While the import runs, its page checks every few seconds and reloads itself once it has finished. */
const useReloadWhenFinished = (record, active) =>
  useEffect(() => {
    if (!active) return undefined;
    const api = new ApiClient();
    let stopped = false;
    let timer;
    const check = async () => {
      try {
        const response = await api.recordAction({ resourceId: 'Import', recordId: record.id, actionName: 'show' });
        if (!stopped && !UNFINISHED.includes(response.data.record.params.status)) return window.location.reload();
      } catch {
        // A failed check is tried again at the next tick.
      }
      if (!stopped) timer = setTimeout(check, REFRESH_MS);
    };
    timer = setTimeout(check, REFRESH_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [record.id, active]);

const summary = (counts) =>
  counts
    ? `${counts.articlesCreated} created · ${counts.exactDuplicates + counts.nearDuplicates} duplicates · ${counts.linesRemoved} lines removed · ${counts.warnings} warnings`
    : '—';

const SECTIONS = [
  { name: 'articles', title: 'Articles' },
  { name: 'removed', title: 'Removed lines' },
  { name: 'warnings', title: 'Warnings' },
];

const Entry = ({ section, entry }) => {
  if (section === 'articles') {
    return (
      <Text mb="sm">
        <a href={`/admin/resources/Article/records/${entry.articleId}/show`}>{entry.headline}</a> — {entry.outcome}
        {entry.duplicateOf ? ` (of article ${entry.duplicateOf}${entry.similarity ? `, ${Math.round(entry.similarity * 100)}% similar` : ''})` : ''} · lines {entry.lines[0]}–{entry.lines[1]}
      </Text>
    );
  }
  if (section === 'removed') return <Text mb="sm">line {entry.line} ({entry.reason}): <code>{entry.text}</code></Text>;
  return <Text mb="sm">{String(entry)}</Text>;
};

/** One section of the report, fetched a page at a time from the import's `report` action. */
const ReportSection = ({ recordId, section, title }) => {
  const [page, setPage] = useState(1);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api
      .recordAction({ resourceId: 'Import', recordId, actionName: 'report', params: { section, page } })
      .then((response) => setData(response.data.report), (failure) => setError(errorText(failure)));
  }, [recordId, section, page]);
  if (error) return <Text>{error}</Text>;
  if (!data) return null;
  const pages = Math.max(1, Math.ceil(data.total / data.perPage));
  return (
    <Box mb="lg" data-testid={`import-report-${section}`}>
      <H5 mt="lg">{title} ({data.total})</H5>
      {data.total === 0 && <Text>None.</Text>}
      {data.entries.map((entry, index) => <Entry key={`${page}-${index}`} section={section} entry={entry} />)}
      {pages > 1 && (
        <Box flex alignItems="center">
          <Button size="sm" variant="text" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</Button>
          <Text mx="default">page {page} of {pages}</Text>
          <Button size="sm" variant="text" disabled={page >= pages} onClick={() => setPage(page + 1)}>Next</Button>
        </Box>
      )}
      {data.summary && data.summary.truncated && section !== 'warnings' && <Text mt="sm">The report lists only the first entries.</Text>}
    </Box>
  );
};

/**
 * An import's counts in the list; on its page, its report (articles, removed lines, warnings), each list read a
 * page at a time: a report can run to megabytes and is never part of the record's payload.
 */
const ImportReport = ({ record, where }) => {
  const params = flat.unflatten(record.params);
  const unfinished = where !== 'list' && UNFINISHED.includes(params.status);
  useReloadWhenFinished(record, unfinished);
  if (where === 'list') return <Text>{summary(params.counts)}</Text>;
  if (unfinished) {
    return <Box mb="xl"><H5>Report</H5><Text data-testid="import-waiting">Not finished yet: this page shows the report as soon as it is.</Text></Box>;
  }
  return (
    <Box mb="xl" data-testid="import-report">
      <H5>Report</H5>
      <Text mb="lg">{summary(params.counts)}</Text>
      {SECTIONS.map((section) => <ReportSection key={section.name} recordId={record.id} section={section.name} title={section.title} />)}
    </Box>
  );
};

export default ImportReport;
