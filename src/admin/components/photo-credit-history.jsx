import React, { useEffect, useState } from 'react';
import { Box, Label, Text } from '@adminjs/design-system';
import { api } from './panel-api';
import { formatDeskTime } from './time-format';

const shown = (credit) => (credit ? `“${credit}”` : 'no credit');

/** On a photo's page: every change of its printed credit, newest first (who, when, from what to what). */
const PhotoCreditHistory = ({ record }) => {
  const [changes, setChanges] = useState(null);
  useEffect(() => {
    api.recordAction({ resourceId: 'Photo', recordId: record.id, actionName: 'creditHistory' }).then((response) => setChanges(response.data.changes || []));
  }, [record.id]);
  return (
    <Box mb="xl" data-testid="photo-credit-history">
      <Label>Credit history</Label>
      {changes === null && <Text>…</Text>}
      {changes && changes.length === 0 && <Text>The credit has not been changed.</Text>}
      {(changes || []).map((change) => (
        <Text key={change.id}>
          {formatDeskTime(change.createdAt)} — {change.actorName}: {shown(change.fromCredit)} → {shown(change.toCredit)}
        </Text>
      ))}
    </Box>
  );
};

export default PhotoCreditHistory;
