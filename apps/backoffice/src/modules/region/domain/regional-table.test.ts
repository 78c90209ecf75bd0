import { indicatorTable, professionTable, type RegionalColumn } from './regional-table';

const column = (
  name: string,
  tenantId: string | null,
  attended: RegionalColumn['figures']['attended'],
  professions: RegionalColumn['figures']['byProfession'],
): RegionalColumn => ({
  tenantId,
  name,
  figures: {
    sessionsHeld: 12,
    placesOffered: 120,
    confirmed: 90,
    attended,
    cancellations: '<5',
    unservedAtStart: 0,
    fillRate: 0.75,
    attendanceRate: null,
    uniqueParticipants: 40,
    byProfession: professions,
  },
});

describe('the regional tables', () => {
  const cpts = [
    column('CPTS de Besançon', 'a', 80, [{ value: 'infirmier', participants: 30 }]),
    column('CPTS de Dijon', 'b', '<5', [{ value: 'medecin', participants: '<5' }]),
  ];
  const region = column('Bourgogne-Franche-Comté', null, '≥5', [
    { value: 'infirmier', participants: 30 },
    { value: 'medecin', participants: '<5' },
  ]);

  it('puts the CPTS side by side and the region last, hidden counts as the coordinator’s report shows them', () => {
    const table = indicatorTable(cpts, region);
    expect(table.headers).toEqual(['Indicateur', 'CPTS de Besançon', 'CPTS de Dijon', 'Région']);
    expect(table.rows.find((r) => r[0] === 'Présents')).toEqual(['Présents', '80', '<5', '≥5']);
    expect(table.rows.find((r) => r[0] === 'Taux de présence')).toEqual(['Taux de présence', '—', '—', '—']);
    expect(table.rows.find((r) => r[0] === 'Taux de remplissage')?.[1]).toMatch(/^75\s%$/);
  });

  it('lists every profession of any column, 0 where a CPTS has none', () => {
    expect(professionTable(cpts, region).rows).toEqual([
      ['Infirmier·e', '30', '0', '30'],
      ['Médecin', '0', '<5', '<5'],
    ]);
  });
});
