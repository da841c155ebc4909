import React, { useEffect } from 'react';
import { Box, H5, Text } from '@adminjs/design-system';
import { ApiClient, flat } from 'adminjs';

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

/** An import's counts in the list, and its report (articles, duplicates, removed lines, warnings) on its page. */
const ImportReport = ({ record, property, where }) => {
  const params = flat.unflatten(record.params);
  const unfinished = where !== 'list' && UNFINISHED.includes(params.status);
  useReloadWhenFinished(record, unfinished);
  if (where === 'list') return <Text>{summary(params.counts)}</Text>;
  const report = params[property.path];
  if (!report) return <Box mb="xl"><H5>Report</H5><Text data-testid="import-waiting">{unfinished ? 'Not finished yet: this page shows the report as soon as it is.' : 'No report.'}</Text></Box>;
  const articles = report.articles || [];
  const removed = report.removed || [];
  return (
    <Box mb="xl" data-testid="import-report">
      <H5>Report</H5>
      <Text mb="lg">{summary(report.counts)}</Text>
      <H5>Articles</H5>
      {articles.map((entry) => (
        <Text key={entry.index} mb="sm">
          <a href={`/admin/resources/Article/records/${entry.articleId}/show`}>{entry.headline}</a> — {entry.outcome}
          {entry.duplicateOf ? ` (of article ${entry.duplicateOf}${entry.similarity ? `, ${Math.round(entry.similarity * 100)}% similar` : ''})` : ''} · lines {entry.lines[0]}–{entry.lines[1]}
        </Text>
      ))}
      <H5 mt="lg">Removed lines</H5>
      {removed.length === 0 && <Text>None.</Text>}
      {removed.map((line) => (
        <Text key={line.line} mb="sm">line {line.line} ({line.reason}): <code>{line.text}</code></Text>
      ))}
      <H5 mt="lg">Warnings</H5>
      {(report.warnings || []).length === 0 && <Text>None.</Text>}
      {(report.warnings || []).map((warning, index) => <Text key={index}>{warning}</Text>)}
      {report.truncated && <Text mt="lg">The report lists only the first entries.</Text>}
    </Box>
  );
};

export default ImportReport;
