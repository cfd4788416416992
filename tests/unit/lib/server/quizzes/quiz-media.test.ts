import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { quizMediaUrl, readQuizMedia } from '../../../../../src/lib/server/quizzes/quiz-media.ts';

describe('quiz media', () => {
  const root = mkdtempSync(join(tmpdir(), 'aula-quiz-media-'));
  mkdirSync(join(root, '07-herramientas', 'media'), { recursive: true });
  writeFileSync(join(root, '07-herramientas', 'media', 'plano.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(root, '07-herramientas', 'quiz.yaml'), 'title: secreto');

  test('serves an image of the module with its type', () => {
    expect(readQuizMedia('07-herramientas', 'plano.png', root)).toEqual({
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      type: 'image/png',
    });
    expect(quizMediaUrl('07-herramientas', 'plano.png')).toBe('/diplomado/07-herramientas/evaluacion/media/plano.png');
  });

  test('reads nothing outside the media folder, nor files that are not images', () => {
    expect(readQuizMedia('07-herramientas', '../quiz.yaml', root)).toBeNull();
    expect(readQuizMedia('07-herramientas', 'quiz.yaml', root)).toBeNull();
    expect(readQuizMedia('..', 'plano.png', root)).toBeNull();
    expect(readQuizMedia('07-herramientas/../07-herramientas', 'plano.png', root)).toBeNull();
    expect(readQuizMedia('07-herramientas', '..png', root)).toBeNull();
    expect(readQuizMedia('07-herramientas', 'falta.png', root)).toBeNull();
  });
});
