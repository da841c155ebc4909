import React, { useEffect, useState } from 'react';
import { Badge, Box, Button, H3, H5, Label, Link, Loader, MessageBox, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, errorText, payloadForm } from './panel-api';
import { formatDeskTime } from './time-format';

const within = (number, [first, last]) => number >= first && number <= last;
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13, whiteSpace: 'pre-wrap', wordBreak: 'break-word' };

/** One numbered dump line; lines that an anomaly is about are marked, and the selected anomaly's lines stronger. */
const SourceLine = ({ line, anomalies, selected }) => {
  const flagged = anomalies.some((anomaly) => within(line.number, anomaly.lines));
  const chosen = selected && within(line.number, selected.lines);
  const background = chosen ? '#ffe08a' : flagged ? '#fff4d6' : 'transparent';
  return (
    <div data-testid={`source-line-${line.number}`} data-flagged={flagged ? 'yes' : 'no'} style={{ display: 'flex', background, ...mono }}>
      <span style={{ minWidth: 56, paddingRight: 12, textAlign: 'right', color: '#888', userSelect: 'none' }}>{line.number}</span>
      <span>{line.text === '' ? ' ' : line.text}</span>
    </div>
  );
};

const Field = ({ label, children }) => (
  <Box mb="lg">
    <Label>{label}</Label>
    {children}
  </Box>
);

/**
 * Needs review: the dump's lines (numbered as in the file) beside what the parser made of them, and each
 * guess it had to make. The editor fixes anything wrong with Edit, then marks the article reviewed.
 */
const ArticleReview = ({ resource, record }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [data, setData] = useState(null);
  const [failed, setFailed] = useState(null);
  const [selected, setSelected] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: 'review' })
      .then((response) => (response.data.problem ? setFailed(response.data.problem.detail) : setData(response.data)))
      .catch((error) => setFailed(errorText(error)));
  }, [record.id]);

  const markReviewed = async () => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: 'review', data: payloadForm({ version: Number(data.record.params.version) }) });
      addNotice(response.data.notice);
      if (!response.data.problem && response.data.redirectUrl) navigate(response.data.redirectUrl);
    } catch (error) {
      addNotice({ message: errorText(error), type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (failed) return <MessageBox variant="danger" message={failed} />;
  if (!data) return <Loader />;
  const { review } = data;
  const params = data.record.params;
  const body = Object.keys(params).filter((key) => /^body\.\d+$/.test(key)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).map((key) => params[key]);
  return (
    <Box variant="container" data-testid="article-review">
      <H3>Review “{params.headline}”</H3>
      <Box mb="lg" flex flexDirection="row" style={{ gap: 12, alignItems: 'center' }}>
        {review.needsReview ? <Badge variant="danger">Needs review</Badge> : <Badge variant="success">Reviewed {review.reviewedAt ? formatDeskTime(review.reviewedAt) : ''}</Badge>}
        <Text>Import #{review.importId} · dump lines {review.lines[0]?.number}–{review.lines[review.lines.length - 1]?.number}</Text>
      </Box>
      <H5>What the parser had to guess</H5>
      <Box mb="xl" data-testid="review-anomalies">
        {review.anomalies.map((anomaly, index) => (
          <Box key={index} mb="sm" p="sm" style={{ cursor: 'pointer', border: '1px solid #e5c07b', borderRadius: 4, background: selected === anomaly ? '#fff4d6' : 'white' }} onClick={() => setSelected(selected === anomaly ? null : anomaly)}>
            <Text><strong>{anomaly.code}</strong> (lines {anomaly.lines[0]}–{anomaly.lines[1]}): {anomaly.message}</Text>
          </Box>
        ))}
      </Box>
      <Box flex flexDirection="row" style={{ gap: 24, alignItems: 'flex-start' }}>
        <Box flexGrow={1} style={{ flexBasis: 0, minWidth: 0 }}>
          <H5>The dump</H5>
          <Box p="sm" style={{ border: '1px solid #ddd', maxHeight: '70vh', overflow: 'auto' }} data-testid="review-source">
            {review.lines.map((line) => <SourceLine key={line.number} line={line} anomalies={review.anomalies} selected={selected} />)}
          </Box>
        </Box>
        <Box flexGrow={1} style={{ flexBasis: 0, minWidth: 0 }} data-testid="review-parse">
          <H5>What was imported</H5>
          <Field label="Headline"><Text>{params.headline}</Text></Field>
          <Field label="Bylines"><Text>{review.bylines.length ? review.bylines.map((byline) => `${byline.name} (${byline.role})`).join(', ') : 'none'}</Text></Field>
          <Field label={`Photos (${review.captions.length})`}>
            {review.captions.length === 0 && <Text>none</Text>}
            {review.captions.map((caption, index) => (
              <Box key={caption.id} mb="sm">
                <Text>{index + 1}. {caption.text}</Text>
                <Text color="grey60">Credit: {caption.credit || '—'} · photographer: {caption.photographer || '—'} · agency: {caption.agency || '—'}</Text>
              </Box>
            ))}
          </Field>
          <Field label={`Body (${body.length} paragraphs)`}>
            {body.map((paragraph, index) => <Text key={index} mb="sm">{paragraph}</Text>)}
          </Field>
        </Box>
      </Box>
      <Box mt="xl" flex flexDirection="row" style={{ gap: 12 }}>
        <Link href={review.editUrl} onClick={(event) => { event.preventDefault(); navigate(review.editUrl); }}>
          <Button type="button" variant="outlined" data-testid="review-edit">Fix in the editor</Button>
        </Link>
        {review.needsReview && review.canReview && (
          <Button type="button" variant="contained" disabled={busy} onClick={markReviewed} data-testid="mark-reviewed">Mark reviewed</Button>
        )}
        {review.needsReview && !review.canReview && <Text>An editor marks published articles reviewed; you can read the source.</Text>}
      </Box>
    </Box>
  );
};

export default ArticleReview;
