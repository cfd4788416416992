import { describe, expect, test } from 'vitest';
import { questionPlainText, renderQuestionText } from '../../../../../src/lib/server/quizzes/question-text.ts';

describe('renderQuestionText', () => {
  test('plain text is escaped, never read as markup', () => {
    expect(renderQuestionText('Art. 5 < art. 7 & <b>no</b>')).toBe('Art. 5 &lt; art. 7 &amp; &lt;b&gt;no&lt;/b&gt;');
  });

  test('markdown is rendered', () => {
    expect(renderQuestionText('La **LFT**, art. *15*:\n\n- uno\n- dos', 'markdown')).toBe(
      '<p>La <strong>LFT</strong>, art. <em>15</em>:</p>\n<ul>\n<li>uno</li>\n<li>dos</li>\n</ul>',
    );
  });

  test('Moodle HTML is kept within the allow-list, with entities decoded', () => {
    expect(renderQuestionText('<p>Inspecci&oacute;n <b>ordinaria</b> y H<sub>2</sub>O</p>', 'html')).toBe(
      '<p>Inspección <strong>ordinaria</strong> y H<sub>2</sub>O</p>',
    );
    expect(renderQuestionText('<table><tr><th scope="col">Art.</th></tr><tr><td>15</td></tr></table>', 'html')).toContain(
      '<th scope="col">Art.</th>',
    );
  });

  test('scripts, styles, handlers and javascript: URLs are removed, in HTML and in Markdown', () => {
    for (const format of ['html', 'markdown'] as const) {
      const html = renderQuestionText(
        '<p onclick="steal()">Hola<script>alert(1)</script><style>p{}</style></p><a href="javascript:alert(1)">clic</a><img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>',
        format,
      );
      expect(html).not.toMatch(/script|alert|onclick|onerror|iframe|javascript:|style/i);
      expect(html).toContain('Hola');
    }
    expect(renderQuestionText('[clic](javascript:alert(1))', 'markdown')).not.toContain('javascript');
  });

  test('links keep safe schemes; images only from relative paths', () => {
    expect(renderQuestionText('<a href="https://www.dof.gob.mx">DOF</a>', 'html')).toBe('<a href="https://www.dof.gob.mx">DOF</a>');
    expect(renderQuestionText('<img src="imagenes/acta.png" alt="Acta">', 'html')).toBe('<img src="imagenes/acta.png" alt="Acta" />');
    expect(renderQuestionText('<img src="https://tracker.example/p.gif" alt="x">', 'html')).toBe('');
    expect(renderQuestionText('<img src="//tracker.example/p.gif">', 'html')).toBe('');
    expect(renderQuestionText('<img src="data:image/png;base64,AAAA">', 'html')).toBe('');
  });
});

test('questionPlainText strips markup and decodes entities', () => {
  expect(questionPlainText('<p>Art. 5 &lt; art. 7 &amp; <b>ley</b></p><p>Dos</p>', 'html')).toBe('Art. 5 < art. 7 & ley Dos');
  expect(questionPlainText('**Negritas** y `código`', 'markdown')).toBe('Negritas y código');
  expect(questionPlainText('<b>tal cual</b>', 'plain')).toBe('<b>tal cual</b>');
});
