import React from 'react';
import { Box, Text } from '@adminjs/design-system';

const COLOURS = { same: 'white', changed: '#fff6d6', removed: '#fde2e2', added: '#e2f7e5' };

/** Rows from src/articles/paragraph-diff.ts, shown in two columns. */
const ParagraphDiff = ({ rows, leftTitle, rightTitle }) => (
  <Box>
    <Box flex flexDirection="row" mb="sm">
      <Box width={1 / 2} pr="default"><Text fontWeight="bold">{leftTitle}</Text></Box>
      <Box width={1 / 2} pl="default"><Text fontWeight="bold">{rightTitle}</Text></Box>
    </Box>
    {rows.map((row, index) => (
      <Box key={index} flex flexDirection="row" mb="sm" data-diff={row.kind}>
        <Box width={1 / 2} p="sm" mr="sm" style={{ background: row.left === null ? '#f4f4f4' : COLOURS[row.kind] }}>
          <Text>{row.left === null ? '—' : row.left}</Text>
        </Box>
        <Box width={1 / 2} p="sm" style={{ background: row.right === null ? '#f4f4f4' : COLOURS[row.kind] }}>
          <Text>{row.right === null ? '—' : row.right}</Text>
        </Box>
      </Box>
    ))}
  </Box>
);

export default ParagraphDiff;
