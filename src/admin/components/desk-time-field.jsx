import React from 'react';
import { Text } from '@adminjs/design-system';
import { formatDeskTime } from './time-format';

/** A date property written the one panel way, in the editor's time zone (the exact instant on hover). */
const DeskTime = ({ record, property }) => {
  const value = record.params[property.path];
  return <Text title={value ? new Date(value).toString() : undefined} style={{ whiteSpace: 'nowrap' }}>{formatDeskTime(value)}</Text>;
};

export default DeskTime;
