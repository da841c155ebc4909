import React from 'react';
import { Text } from '@adminjs/design-system';

/** A list cell that never breaks: an id such as 1234568 is one token, not "12345" over "68" in a narrow column. */
const NoWrap = ({ property, record }) => (
  <Text style={{ whiteSpace: 'nowrap' }} data-testid={`nowrap-${property.path}`}>
    {record.params[property.path]}
  </Text>
);

export default NoWrap;
