import { parseLocalDate, parseLocalTime, readProgrammeCsv } from './programme-csv';

describe('a programme file', () => {
  it('reads French headers, semicolons and French dates and times', () => {
    const { lines, errors } = readProgrammeCsv(
      'Activité;Catégorie;Date;Début;Fin;Lieu;Capacité\nCardio boxing;Énergie & Mouvement;22/01/2027;18h30;19h30;Association Le Don du Souffle;15\n',
    );
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      {
        line: 2,
        activity: 'Cardio boxing',
        category: 'Énergie & Mouvement',
        date: '2027-01-22',
        startTime: '18:30',
        endTime: '19:30',
        venue: 'Association Le Don du Souffle',
        capacity: 15,
      },
    ]);
  });

  it('names each problem by line and column, skipping blank lines in the count', () => {
    const { lines, errors, total } = readProgrammeCsv(
      [
        'activity,category,date,start,end,venue,capacity',
        'Stretching,Énergie & Mouvement,2027-01-21,19:30,18:30,DDS,0',
        '',
        ',Énergie & Mouvement,someday,7pm,19:30,DDS,12',
      ].join('\n'),
    );
    expect(lines).toEqual([]);
    expect(total).toBe(2);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'end'],
      [2, 'capacity'],
      [4, 'activity'],
      [4, 'date'],
      [4, 'start'],
    ]);
  });

  it('says which columns are missing', () => {
    const { errors } = readProgrammeCsv('activity,date\nYoga,2027-01-01');
    expect(errors.map((e) => e.field)).toEqual(['category', 'startTime', 'endTime', 'venue', 'capacity']);
    expect(errors.every((e) => e.line === 1)).toBe(true);
  });

  it('says an empty file is empty', () => {
    expect(readProgrammeCsv('').errors).toEqual([{ line: 1, field: null, message: 'Le fichier est vide' }]);
  });

  it('reads the usual ways of writing dates and times', () => {
    expect(parseLocalDate('5/2/2027')).toBe('2027-02-05');
    expect(parseLocalDate('2027-02-05')).toBe('2027-02-05');
    expect(parseLocalDate('05/02/27')).toBeNull();
    expect(parseLocalTime('18h')).toBe('18:00');
    expect(parseLocalTime('9:05')).toBe('09:05');
    expect(parseLocalTime('24:00')).toBeNull();
  });
});
