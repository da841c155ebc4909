import React from 'react';
import { Text } from '@adminjs/design-system';

/** Similarity as editors read it everywhere: "87%". */
const Similarity = ({ record }) => {
  const score = record.params.duplicateScore;
  return <Text style={{ whiteSpace: 'nowrap' }}>{score === null || score === undefined || score === '' ? '—' : `${Math.round(Number(score) * 100)}%`}</Text>;
};

export default Similarity;
