import { parse } from 'csv-parse/sync';

/** One problem of an import, at a line of the file (the header is line 1) and, when known, a column. */
export interface ImportError {
  line: number;
  field: string | null;
  message: string;
}

/** A line of a programme file, checked for form (not yet against the tenant's data). */
export interface ProgrammeLine {
  line: number;
  activity: string;
  category: string;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  capacity: number;
}

export const MAX_IMPORT_LINES = 2000;

/** Column names a coordinator may use (French or English, any case, accents optional). */
const COLUMN_ALIASES: Record<keyof Omit<ProgrammeLine, 'line'>, string[]> = {
  activity: ['activity', 'activite', 'atelier', 'titre', 'title'],
  category: ['category', 'categorie', 'type'],
  date: ['date', 'jour'],
  startTime: ['start', 'debut', 'heure de debut', 'heure debut', 'start time', 'starttime'],
  endTime: ['end', 'fin', 'heure de fin', 'heure fin', 'end time', 'endtime'],
  venue: ['venue', 'lieu', 'salle'],
  capacity: ['capacity', 'capacite', 'places', 'nombre de places'],
};

function normaliseHeader(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 2026-01-22 or 22/01/2026 (also 22-01-2026, 22.01.2026) → 2026-01-22; null when neither. */
export function parseLocalDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return value;
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!french) return null;
  return `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}`;
}

/** 18:30, 18h30, 18h, 18H30, 9:05 → HH:MM; null when not a time of day. */
export function parseLocalTime(value: string): string | null {
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Reads a programme file (comma- or semicolon-separated, header first) into lines, checking
 * each for form: every column present, a real date format, times of day, an end after the
 * start, a capacity of at least 1. Problems are reported by line and column; lines with
 * problems are left out of `lines`.
 */
export function readProgrammeCsv(text: string): {
  lines: ProgrammeLine[];
  errors: ImportError[];
  total: number;
} {
  const errors: ImportError[] = [];
  let records: { info: { lines: number }; record: Record<string, string> }[];
  let columns: Partial<Record<keyof typeof COLUMN_ALIASES, string>> = {};
  try {
    records = parse(text, {
      bom: true,
      delimiter: [',', ';', '\t'],
      columns: (header: string[]) => {
        const names = header.map(normaliseHeader);
        columns = Object.fromEntries(
          Object.entries(COLUMN_ALIASES).map(([key, aliases]) => [
            key,
            names.find((name) => aliases.includes(name)),
          ]),
        );
        return names;
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      lines: [],
      errors: [{ line, field: null, message: `Fichier illisible : ${(error as Error).message}` }],
      total: 0,
    };
  }
  const missing = Object.entries(columns)
    .filter(([, name]) => !name)
    .map(([key]) => key);
  if (records.length === 0 && Object.keys(columns).length === 0) {
    return { lines: [], errors: [{ line: 1, field: null, message: 'Le fichier est vide' }], total: 0 };
  }
  if (missing.length > 0) {
    return {
      lines: [],
      errors: missing.map((key) => ({
        line: 1,
        field: key,
        message: `Colonne manquante : ${key} (en-têtes acceptés : ${COLUMN_ALIASES[key as keyof typeof COLUMN_ALIASES].join(', ')})`,
      })),
      total: records.length,
    };
  }
  if (records.length > MAX_IMPORT_LINES) {
    return {
      lines: [],
      errors: [{ line: 1, field: null, message: `Au plus ${MAX_IMPORT_LINES} lignes par fichier` }],
      total: records.length,
    };
  }

  const lines: ProgrammeLine[] = [];
  for (const { info, record } of records) {
    const line = info.lines;
    const cell = (key: keyof typeof COLUMN_ALIASES) => (record[columns[key]!] ?? '').trim();
    const lineErrors: ImportError[] = [];
    const problem = (field: string, message: string) => lineErrors.push({ line, field, message });

    const activity = cell('activity');
    const category = cell('category');
    const venue = cell('venue');
    if (!activity) problem('activity', "Indiquez l'activité");
    if (!category) problem('category', 'Indiquez la catégorie');
    if (!venue) problem('venue', 'Indiquez le lieu');
    const date = parseLocalDate(cell('date'));
    if (!date) problem('date', `Date illisible : « ${cell('date')} » (attendu 22/01/2026 ou 2026-01-22)`);
    const startTime = parseLocalTime(cell('startTime'));
    if (!startTime)
      problem('start', `Heure de début illisible : « ${cell('startTime')} » (attendu 18:30 ou 18h30)`);
    const endTime = parseLocalTime(cell('endTime'));
    if (!endTime) problem('end', `Heure de fin illisible : « ${cell('endTime')} » (attendu 19:30 ou 19h30)`);
    if (startTime && endTime && endTime <= startTime)
      problem('end', `L'heure de fin (${endTime}) doit être après l'heure de début (${startTime})`);
    const capacityText = cell('capacity');
    const capacity = Number(capacityText);
    if (!/^\d+$/.test(capacityText) || capacity < 1) {
      problem('capacity', `Capacité invalide : « ${capacityText} » (un nombre entier d'au moins 1)`);
    }
    if (lineErrors.length > 0) {
      errors.push(...lineErrors);
      continue;
    }
    lines.push({
      line,
      activity,
      category,
      date: date!,
      startTime: startTime!,
      endTime: endTime!,
      venue,
      capacity,
    });
  }
  return { lines, errors, total: records.length };
}
