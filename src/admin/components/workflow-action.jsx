import React, { useState } from 'react';
import { Box, Button, H3, Input, Label, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, runAction } from './panel-api';
import { editorTimeZone, formatDeskTime } from './time-format';

/** Publish, Unpublish, Schedule and bulk Publish: a confirmation page whose button POSTs the action. */
const WorkflowAction = ({ resource, record, records, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  const { verb, explain, needsTime } = action.custom;
  const targets = records || [record];

  const run = async () => {
    const form = new FormData();
    if (needsTime) {
      form.append('at', at ? new Date(at).toISOString() : '');
      form.append('timeZone', editorTimeZone());
    }
    if (record) form.append('version', record.params.version);
    const send = () =>
      records
        ? api.bulkAction({ resourceId: resource.id, recordIds: records.map((r) => r.id), actionName: action.name, data: form })
        : api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data: form });
    await runAction(send, { addNotice, navigate, setBusy });
  };

  return (
    <Box variant="container">
      <H3>{verb}</H3>
      <Text mb="lg">{explain}</Text>
      {targets.map((target) => (
        <Text key={target.id} mb="sm">
          <strong>{target.params.headline}</strong> — {target.params.status}
          {target.params.scheduledAt ? `, scheduled for ${formatDeskTime(target.params.scheduledAt)}` : ''}
        </Text>
      ))}
      {needsTime && (
        <Box my="lg">
          <Label htmlFor="publish-at">Publish at (your time zone, {editorTimeZone()})</Label>
          <Input id="publish-at" type="datetime-local" value={at} onChange={(event) => setAt(event.target.value)} />
        </Box>
      )}
      <Button mt="lg" variant="contained" type="button" disabled={busy || (needsTime && !at)} onClick={run} data-testid="confirm-action">
        {verb}
      </Button>
    </Box>
  );
};

export default WorkflowAction;
