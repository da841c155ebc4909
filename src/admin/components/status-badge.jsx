import React from 'react';
import { Badge } from '@adminjs/design-system';
import { scheduledLabel } from './time-format';

const VARIANTS = { published: 'success', draft: 'default', unpublished: 'secondary', spiked: 'danger' };

/** An article's status; a scheduled one says when it goes live: "Scheduled for 14:30 (in 2 h)". */
const StatusBadge = ({ record }) => {
  const { status, scheduledAt } = record.params;
  if (scheduledAt && status !== 'published') {
    return <Badge variant="info" data-testid="scheduled-badge" title={new Date(scheduledAt).toString()}>{scheduledLabel(scheduledAt)}</Badge>;
  }
  return <Badge variant={VARIANTS[status] || 'default'} data-testid="status-badge">{status}</Badge>;
};

export default StatusBadge;
