import { describe, expect, it } from 'vitest';
import { pageParam, slicePage } from '../../src/lib/forms.ts';

const people = Array.from({ length: 120 }, (_, i) => `persona ${i + 1}`);

describe('slicePage', () => {
  it('gives each page its rows and says how many pages there are', () => {
    expect(slicePage(people, 1, 50)).toEqual({ rows: people.slice(0, 50), page: 1, pages: 3 });
    expect(slicePage(people, 3, 50)).toEqual({ rows: people.slice(100), page: 3, pages: 3 });
  });

  it('shows the last page for a page past the end, and one empty page for an empty list', () => {
    expect(slicePage(people, 9, 50).page).toBe(3);
    expect(slicePage([], 2, 50)).toEqual({ rows: [], page: 1, pages: 1 });
  });

  it('reads the page from ?pagina=, 1 for anything that is not a positive whole number', () => {
    expect(pageParam(new URL('https://aula.test/x?pagina=2'))).toBe(2);
    for (const bad of ['0', '-1', '2.5', 'dos', '']) expect(pageParam(new URL(`https://aula.test/x?pagina=${bad}`))).toBe(1);
  });
});
