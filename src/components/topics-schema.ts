/**
 * The shape of src/data/topics.json, the one list of topics (sidebar, home page, footers, tests).
 * A topic's exercises are ids of graders/registry.json; scripts/validate-content.ts checks that
 * each is listed there.
 */
import * as z from "zod/mini";

/** The build requires at least these topics, numbered 1…N with no gap; more may follow. */
export const REQUIRED_TOPICS = 41;

const Text = z.object({ en: z.string().check(z.minLength(1)), zh: z.string().check(z.minLength(1)) });

export const CourseData = z
  .object({
    sections: z.array(z.object({ id: z.string(), title: Text })).check(z.minLength(1)),
    topics: z
      .array(
        z.object({
          n: z.number().check(z.int(), z.minimum(1)),
          slug: z.string().check(z.regex(/^[a-z0-9-]+$/)),
          section: z.string(),
          visual: z.string().check(z.regex(/^[a-z0-9-]+$/)),
          visualPreset: z.optional(z.string()),
          exercises: z.array(z.string().check(z.regex(/^[a-z][a-z0-9-]*$/))),
          title: Text,
        }),
      )
      .check(z.minLength(REQUIRED_TOPICS)),
  })
  .check(
    z.superRefine((d, ctx) => {
      const sections = new Set(d.sections.map((s) => s.id));
      d.topics.forEach((t, i) => {
        if (t.n !== i + 1) ctx.addIssue({ code: "custom", message: `topic at index ${i} has n = ${t.n}; topics must be listed 1…N in order, with no gap` });
        if (!sections.has(t.section)) ctx.addIssue({ code: "custom", message: `topic ${t.n} names unknown section ${t.section}` });
      });
    }),
  );
export type CourseData = z.infer<typeof CourseData>;

export function topicFile(lang: "en" | "zh", t: { n: number; slug: string }): string {
  return `src/${lang}/topics/${String(t.n).padStart(2, "0")}-${t.slug}.md`;
}
