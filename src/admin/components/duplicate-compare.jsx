import React, { useEffect, useState } from 'react';
import { Box, Button, H3, Loader, MessageBox, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import ParagraphDiff from './paragraph-diff';
import { api, errorText, payloadForm } from './panel-api';
import { formatDeskTime } from './time-format';
import { usePageTitle } from './page-title';

const describe = (side) => `#${side.id} · ${side.status} · updated ${formatDeskTime(side.updatedAt)}${side.bylines.length ? ` · by ${side.bylines.join(', ')}` : ''}`;

/** The flagged article beside the one it duplicates, then Merge (keep one) or Not a duplicate. */
const DuplicateCompare = ({ resource, record, action }) => {
  const addNotice = useNotice();
  usePageTitle(`Compare: ${record.params.headline}`);
  const navigate = useNavigate();
  const [data, setData] = useState(null);
  const [failed, setFailed] = useState(null);

  const load = () =>
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name })
      .then((response) => (response.data.problem ? setFailed(response.data.problem.detail) : setData(response.data)))
      .catch((error) => setFailed(errorText(error)));
  useEffect(() => { load(); }, [record.id]);

  // Both versions as compared: if either article was saved since, the decision is refused.
  const decide = async (decision, keepId) => {
    if (decision === 'merge') {
      const retired = keepId === data.comparison.original.id ? data.comparison.duplicate : data.comparison.original;
      if (!window.confirm(`Merge: keep article ${keepId} and unpublish article ${retired.id} (“${retired.headline}”), moving its extra photos and bylines over?`)) return;
    }
    try {
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        data: payloadForm({ decision, keepId, version: data.comparison.version, originalVersion: data.comparison.original.version }),
      });
      addNotice(response.data.notice);
      // Refused as stale: show the articles as they now are, so the editor compares again before deciding.
      if (response.data.problem && response.data.problem.code === 'ARTICLE_VERSION_CONFLICT') load();
      if (!response.data.problem && response.data.redirectUrl) navigate(response.data.redirectUrl);
    } catch (error) {
      addNotice({ message: errorText(error), type: 'error' });
    }
  };

  if (failed) return <MessageBox variant="danger" message={failed} />;
  if (!data) return <Loader />;
  const { comparison, canResolve } = data;
  return (
    <Box variant="container" data-testid="duplicate-compare">
      <H3>
        {comparison.kind === 'exact' ? 'Exact' : 'Near'} duplicate{comparison.score ? ` (${Math.round(comparison.score * 100)}% similar)` : ''}
      </H3>
      <ParagraphDiff rows={[comparison.headline]} leftTitle={`Original ${describe(comparison.original)}`} rightTitle={`This article ${describe(comparison.duplicate)}`} />
      <ParagraphDiff rows={comparison.paragraphs} leftTitle="Original body" rightTitle="This article's body" />
      {canResolve ? (
        <Box mt="xl" flex flexDirection="row" style={{ gap: 12 }}>
          <Button type="button" variant="contained" onClick={() => decide('merge', comparison.original.id)} data-testid="keep-original">
            Merge: keep the original (#{comparison.original.id})
          </Button>
          <Button type="button" variant="contained" onClick={() => decide('merge', comparison.duplicate.id)} data-testid="keep-duplicate">
            Merge: keep this one (#{comparison.duplicate.id})
          </Button>
          <Button type="button" variant="outlined" onClick={() => decide('not-duplicate')} data-testid="not-duplicate">
            Not a duplicate
          </Button>
        </Box>
      ) : (
        <Text mt="xl">An editor resolves duplicates; you can compare them.</Text>
      )}
    </Box>
  );
};

export default DuplicateCompare;
