import React from 'react';
import { Box, Text } from '@adminjs/design-system';

const COLOURS = { same: 'white', changed: '#fff6d6', removed: '#fde2e2', added: '#e2f7e5' };
const WORD_STYLE = {
  removed: { background: '#f5b5b5', textDecoration: 'line-through' },
  added: { background: '#a8e6b4', textDecoration: 'none' },
};

/** One side of a changed row: the shared words plain, this side's own words marked (the other side's left out). */
const Words = ({ parts, mine }) => (
  <Text>
    {parts.map((part, index) => {
      if (part.kind === 'same') return <span key={index}>{part.text}</span>;
      if (part.kind !== mine) return null;
      const Mark = mine === 'removed' ? 'del' : 'ins';
      return <Mark key={index} data-word={mine} style={WORD_STYLE[mine]}>{part.text}</Mark>;
    })}
  </Text>
);

const Side = ({ text, words, mine }) => {
  if (text === null) return <Text>—</Text>;
  return words ? <Words parts={words} mine={mine} /> : <Text>{text}</Text>;
};

/** Rows from src/articles/paragraph-diff.ts, shown in two columns; a changed row marks the words that changed. */
const ParagraphDiff = ({ rows, leftTitle, rightTitle }) => (
  <Box>
    <Box flex flexDirection="row" mb="sm">
      <Box width={1 / 2} pr="default"><Text fontWeight="bold">{leftTitle}</Text></Box>
      <Box width={1 / 2} pl="default"><Text fontWeight="bold">{rightTitle}</Text></Box>
    </Box>
    {rows.map((row, index) => (
      <Box key={index} flex flexDirection="row" mb="sm" data-diff={row.kind}>
        <Box width={1 / 2} p="sm" mr="sm" style={{ background: row.left === null ? '#f4f4f4' : COLOURS[row.kind] }}>
          <Side text={row.left} words={row.words} mine="removed" />
        </Box>
        <Box width={1 / 2} p="sm" style={{ background: row.right === null ? '#f4f4f4' : COLOURS[row.kind] }}>
          <Side text={row.right} words={row.words} mine="added" />
        </Box>
      </Box>
    ))}
  </Box>
);

export default ParagraphDiff;
