// `npm run docs`: regenerates the generated parts of docs/ from the schemas.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { requestReferenceMarkdown } from "./request-reference";

const target = path.resolve(__dirname, "../../docs/request-reference.md");
writeFileSync(target, requestReferenceMarkdown());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
