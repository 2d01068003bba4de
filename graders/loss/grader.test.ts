// This exercise's grader against its reference solution, its starter and its bank (bank/).
import { graderSuite } from "../../tests/support/grader-suite.js";

graderSuite(import.meta.url);
