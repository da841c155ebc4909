import React from 'react';
import { Badge, Text } from '@adminjs/design-system';

/** The duplicate flag as a badge: red for exact copies, amber for near ones, nothing when clear. */
const DuplicateFlag = ({ record }) => {
  const kind = record.params.duplicateKind;
  if (!kind) return <Text>—</Text>;
  return (
    <Badge variant={kind === 'exact' ? 'danger' : 'secondary'} data-testid="duplicate-flag">
      {kind} of #{record.params.duplicateOfId}
    </Badge>
  );
};

export default DuplicateFlag;
