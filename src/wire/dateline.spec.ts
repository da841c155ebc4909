import { isDateline } from './dateline';

describe('isDateline', () => {
  it.each([
    'Monday, 3 March, 2025 - 10:45',
    'Updated 12 March 2024 14:30 GMT',
    'Last updated: 5 hours ago',
    'Published: 2024-03-12T14:30Z',
    'March 12, 2024 14:30',
    '12/03/2024',
    'الاثنين - 3 رمضان 1446 هـ - 03 مارس 2025 مـ',
  ])('reads %s as a date line', (line) => {
    expect(isDateline(line)).toBe(true);
  });

  it.each([
    '20',
    'TT',
    'March',
    '1,200 killed in 2024',
    'Iraq to Vote on Budget on 12 March',
    'The talks resumed on Monday, 3 March.',
    'Updated plans for the Baghdad metro were unveiled on Monday, officials said.',
  ])('does not read %s as a date line', (line) => {
    expect(isDateline(line)).toBe(false);
  });
});
