import React, { useEffect, useState } from 'react';
import { Box, Button, H3, H5, Loader, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import ParagraphDiff from './paragraph-diff';
import { api, errorText, payloadForm } from './panel-api';
import { formatDeskTime } from './time-format';
import { usePageTitle } from './page-title';

/** Every save of the article and every credit change of its photos: who, when, what changed (with word marks), and Restore. */
const ArticleHistory = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const [history, setHistory] = useState(null);
  const [original, setOriginal] = useState(null);
  const [headline, setHeadline] = useState(record.params.headline);
  const [version, setVersion] = useState(Number(record.params.version));
  usePageTitle(`History: ${headline}`);

  // Everything on the page comes from the answer, so after a restore it shows the article as it now is.
  const show = (data) => {
    setHistory(data.history);
    setOriginal(data.original);
    setHeadline(data.record.params.headline);
    setVersion(Number(data.record.params.version));
  };
  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name }).then((response) => show(response.data));
  }, [record.id]);

  const restore = async (revisionId, label) => {
    if (!window.confirm(`Restore ${label}? Its copy is saved as a new version; the current text stays in History.`)) return;
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data: payloadForm({ revisionId, version }) });
      addNotice(response.data.notice);
      if (!response.data.problem) show(response.data);
    } catch (error) {
      addNotice({ message: errorText(error), type: 'error' });
    }
  };

  if (!history) return <Loader />;
  return (
    <Box variant="container">
      <H3 data-testid="history-heading">History of “{headline}”</H3>
      {history.length === 0 && <Text>No saves yet: this is the article as imported.</Text>}
      {history.map((revision) =>
        revision.kind === 'credit' ? (
          <Box key={`credit-${revision.id}`} mb="xxl" pb="lg" borderBottom="default" data-testid={`credit-change-${revision.id}`}>
            <H5>
              Photo credit — {revision.actorName}, {formatDeskTime(revision.createdAt)}
            </H5>
            <Text mb="default">
              The credit of photo {revision.photoId} changed. Credits belong to the photo, so this made no new version of the article and is undone by editing the
              credit again.
            </Text>
            <ParagraphDiff rows={[revision.creditDiff]} leftTitle="Credit before" rightTitle="Credit after" />
          </Box>
        ) : (
        <Box key={revision.id} mb="xxl" pb="lg" borderBottom="default" data-testid={`revision-${revision.version}`}>
          <H5>
            Version {revision.version} — {revision.actorName}, {formatDeskTime(revision.createdAt)}
          </H5>
          {revision.merge && (
            <Text mb="default" data-testid="revision-merge">
              {revision.merge.keptId === Number(record.params.id)
                ? `Merged duplicates: kept this article; article ${revision.merge.retiredId} was unpublished and points here.`
                : `Merged duplicates: this article was unpublished in favour of article ${revision.merge.keptId}.`}{' '}
              Moved {revision.merge.captionsMoved} caption(s) and {revision.merge.bylinesMoved} byline(s).
            </Text>
          )}
          {revision.spike && (
            <Text mb="default" data-testid="revision-spike">
              {revision.spike.spiked ? `Spiked (it was ${revision.spike.previousStatus}): moved to the Spiked list.` : 'Unspiked: back among the drafts.'}
            </Text>
          )}
          {revision.reviewed && (
            <Text mb="default" data-testid="revision-reviewed">
              Marked reviewed: checked what the parser guessed ({revision.reviewed.anomalies.join(', ')}).
            </Text>
          )}
          {revision.notDuplicate && (
            <Text mb="default" data-testid="revision-not-duplicate">
              Marked not a duplicate of article {revision.notDuplicate.otherArticleId} (flagged {revision.notDuplicate.kind}
              {revision.notDuplicate.score === null ? '' : `, similarity ${revision.notDuplicate.score.toFixed(2)}`}); the flag was cleared.
            </Text>
          )}
          {revision.restore && (
            <Text mb="default" data-testid="revision-restore">
              Restored version {revision.restore.version}.
              {revision.restore.skippedCaptions.length > 0 &&
                ` Left out, as no longer in this article: ${revision.restore.skippedCaptions.map((caption) => `“${caption.text}”`).join(', ')}.`}
            </Text>
          )}
          {(revision.changed.length > 0 || (!revision.merge && !revision.notDuplicate)) && (
            <Text mb="default" data-testid="revision-changed">{revision.changed.length ? `Changed: ${revision.changedLabels.join(', ')}` : 'Saved without changes'}</Text>
          )}
          {revision.headlineDiff && <ParagraphDiff rows={[revision.headlineDiff]} leftTitle="Headline before" rightTitle="Headline after" />}
          {revision.slug && <Text mb="default">Slug: {revision.slug.from} → {revision.slug.to}</Text>}
          {revision.body && <ParagraphDiff rows={revision.body.filter((row) => row.kind !== 'same')} leftTitle="Body before" rightTitle="Body after" />}
          {revision.bylines && (
            <Text mb="default">
              Bylines: {revision.bylines.from.map((byline) => `${byline.name} (${byline.role})`).join(', ') || 'none'} →{' '}
              {revision.bylines.to.map((byline) => `${byline.name} (${byline.role})`).join(', ') || 'none'}
            </Text>
          )}
          {revision.captions && (
            <ParagraphDiff
              rows={revision.captionDiff}
              leftTitle="Captions before"
              rightTitle="Captions after"
            />
          )}
          {revision.captionPositions && (
            <Text mb="default">
              Photos moved: {Object.keys(revision.captionPositions.to).map((id) => `caption ${id} from position ${revision.captionPositions.from[id]} to ${revision.captionPositions.to[id]}`).join('; ')}
            </Text>
          )}
          {revision.version !== version && (
            <Button mt="default" size="sm" type="button" onClick={() => restore(revision.id, `version ${revision.version}`)}>
              Restore this version
            </Button>
          )}
        </Box>
        ),
      )}
      {original && (
        <Box mb="xxl" pb="lg" data-testid="revision-original">
          <H5>The original — {original.importId ? `as imported (import #${original.importId})` : 'as created'}</H5>
          <Text mb="default">“{original.headline}”, {original.body.length} paragraph{original.body.length === 1 ? '' : 's'}.</Text>
          <Button size="sm" type="button" onClick={() => restore('original', 'the original')} data-testid="restore-original">
            Restore the original
          </Button>
        </Box>
      )}
    </Box>
  );
};

export default ArticleHistory;
