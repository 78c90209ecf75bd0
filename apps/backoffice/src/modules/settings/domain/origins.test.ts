import { originsOf } from './origins';

describe('originsOf', () => {
  it('keeps the origin of each line, once', () => {
    expect(
      originsOf('https://www.cpts-exemple.fr/agenda\n\nhttps://www.cpts-exemple.fr\nhttp://localhost:8080'),
    ).toEqual(['https://www.cpts-exemple.fr', 'http://localhost:8080']);
    expect(originsOf('')).toEqual([]);
  });

  it('refuses a line that is not a site address', () => {
    expect(originsOf('www.cpts-exemple.fr')).toBeNull();
    expect(originsOf('javascript:alert(1)')).toBeNull();
  });
});
