import React from 'react';
import { Text } from '@adminjs/design-system';

/** The dropped spelling of an author merge: its name and old id. */
const MergedAuthor = ({ record }) => (
  <Text data-testid="merged-author">
    {record.params['mergedAuthor.name']} (author {record.params['mergedAuthor.id']})
  </Text>
);

export default MergedAuthor;
