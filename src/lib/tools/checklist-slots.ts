/** The slot <Checklist id="…" /> leaves in a prerendered lesson body (components/mdx/Checklist.astro). */
const SLOT = /<div data-checklist-slot="([a-z0-9-]+)">[\s\S]*?<\/div>/g;

export type BodyPart = { html: string } | { checklistId: string };

/** A prerendered body cut at its checklist slots, so the page can render each learner's form there. */
export function splitChecklistSlots(html: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const m of html.matchAll(SLOT)) {
    parts.push({ html: html.slice(last, m.index) });
    parts.push({ checklistId: m[1] as string });
    last = m.index + m[0].length;
  }
  parts.push({ html: html.slice(last) });
  return parts;
}

/** The checklists an MDX source shows, in order (used when the body is rendered live, in development). */
export function checklistIdsInMdx(body: string): string[] {
  return [...body.matchAll(/<Checklist\b[^>]*\bid="([a-z0-9-]+)"/g)].map((m) => m[1] as string);
}
