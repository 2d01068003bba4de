// Framework data loader: which topics have pages in both languages. Footers, the home page
// and the exercise pages link only to these, so the site never links to a missing page.
import { existsSync, readFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const course = JSON.parse(readFileSync(new URL("data/topics.json", root), "utf8")) as { topics: { n: number; slug: string }[] };
const pad = (n: number) => String(n).padStart(2, "0");
const written = course.topics
  .filter((t) => ["en", "zh"].every((lang) => existsSync(new URL(`${lang}/topics/${pad(t.n)}-${t.slug}.md`, root))))
  .map((t) => t.n);
process.stdout.write(JSON.stringify({ topics: written }));
