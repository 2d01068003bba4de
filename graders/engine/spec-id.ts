import { z } from "zod";

/** Case, property and exercise ids: kebab-case, so they read well in check ids and file names. */
export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are kebab-case");
