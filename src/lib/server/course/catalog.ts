import { getCollection, getEntry, render, type CollectionEntry } from 'astro:content';
import type { LessonData, ModuleData, ProgramData } from '../../content/schemas.ts';

/** The program as the site shows it: modules in program order, lessons in their order. */
export interface Catalog {
  program: ProgramData;
  modules: CatalogModule[];
}

export interface CatalogModule extends ModuleData {
  slug: string;
  lessons: CatalogLesson[];
}

export interface CatalogLesson extends LessonData {
  /** "04-subcontratacion-repse/01-articulos-12-15" */
  id: string;
  /** "01-articulos-12-15" */
  slug: string;
  moduleSlug: string;
}

let cached: Promise<Catalog> | undefined;

/** Content is fixed in a build, so the catalog is assembled once per process (not in dev). */
export function getCatalog(): Promise<Catalog> {
  if (import.meta.env.DEV || !cached) cached = loadCatalog();
  return cached;
}

async function loadCatalog(): Promise<Catalog> {
  const program = await getEntry('programs', 'program');
  if (!program) throw new Error('content/program.yaml is missing');
  const [modules, lessons] = await Promise.all([getCollection('modules'), getCollection('lessons')]);
  const byModule = new Map<string, CatalogLesson[]>();
  for (const entry of lessons) {
    const [moduleSlug, slug] = entry.id.split('/') as [string, string];
    const list = byModule.get(moduleSlug) ?? [];
    list.push({ ...entry.data, id: entry.id, slug, moduleSlug });
    byModule.set(moduleSlug, list);
  }
  const ordered = program.data.modules.map((slug) => {
    const module = modules.find((m) => m.id === slug);
    if (!module) throw new Error(`content/program.yaml lists module "${slug}", which has no content/modules/${slug}/module.yaml`);
    const moduleLessons = (byModule.get(slug) ?? []).sort((a, b) => a.order - b.order);
    return { ...module.data, slug, lessons: moduleLessons };
  });
  return { program: program.data, modules: ordered };
}

/** The lesson's entry, to render its MDX. */
export async function getLessonEntry(id: string): Promise<CollectionEntry<'lessons'> | null> {
  return (await getEntry('lessons', id)) ?? null;
}

export type LessonHeading = Awaited<ReturnType<typeof render>>['headings'][number];
const headings = new Map<string, Promise<LessonHeading[]>>();

/**
 * A lesson's headings (its table of contents), worked out once per process: Astro's `render`
 * imports the compiled MDX and builds an error object with a stack trace on every call, and even
 * `getEntry` imports the content store again on each call, which the lesson page, served from its
 * prerendered body, does not otherwise need.
 */
export function getLessonHeadings(lessonId: string): Promise<LessonHeading[]> {
  let found = import.meta.env.DEV ? undefined : headings.get(lessonId);
  if (!found) {
    found = getLessonEntry(lessonId).then(async (entry) => (entry ? (await render(entry)).headings : []));
    headings.set(lessonId, found);
  }
  return found;
}

/** A module's quiz (content/modules/<module>/quiz.yaml), or null when it has none. */
export async function getModuleQuiz(moduleSlug: string): Promise<import('../../content/quiz-schema.ts').Quiz | null> {
  return (await getQuizEntries()).get(moduleSlug) ?? null;
}

let quizzes: Promise<Map<string, import('../../content/quiz-schema.ts').Quiz>> | undefined;

/** Every quiz by module slug, read once per process: learner pages ask for them on every request. */
function getQuizEntries(): Promise<Map<string, import('../../content/quiz-schema.ts').Quiz>> {
  if (import.meta.env.DEV || !quizzes) quizzes = getCollection('quizzes').then((entries) => new Map(entries.map((e) => [e.id, e.data])));
  return quizzes;
}

/** Every module's quiz in program order, for gradebooks and statistics. */
export async function getAllQuizzes(): Promise<
  { moduleSlug: string; moduleNumber: number; moduleTitle: string; quiz: import('../../content/quiz-schema.ts').Quiz }[]
> {
  const catalog = await getCatalog();
  const entries = await getQuizEntries();
  return catalog.modules.flatMap((m) => {
    const quiz = entries.get(m.slug);
    return quiz ? [{ moduleSlug: m.slug, moduleNumber: m.number, moduleTitle: m.title, quiz }] : [];
  });
}
