import Callout from './Callout.astro';
import Checklist from './Checklist.astro';
import Figure from './Figure.astro';
import LegalRef from './LegalRef.astro';
import SelfCheck from './SelfCheck.astro';
import Table from './Table.astro';
import Term from './Term.astro';
import Timeline from './Timeline.astro';
import Video from './Video.astro';

/**
 * The authoring kit: passed to every lesson's <Content />, so MDX files need no imports (docs/authoring.md).
 * `table` replaces the HTML element: every Markdown table scrolls in a labelled, focusable region.
 */
export const mdxComponents = { Callout, Checklist, Figure, LegalRef, SelfCheck, Term, Timeline, Video, table: Table };
