import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { repoRoot } from "../support/repo";

/**
 * Comments explain themselves by citing the repository's own documents as `docs/<file>.md#<anchor>` (docs/README.md).
 * Every such citation, in code and in the documents' (and the README's) links, must lead somewhere that exists.
 */

const SOURCE_DIRS = ["bench", "cli", "core", "emulator", "policies", "provider", "scripts", "sdk", "test"];
const CITATION = /docs\/[\w./-]+\.md(?:#[\w-]+)?/g;

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "node_modules" ? [] : sourceFiles(full);
        }
        return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

/** The GitHub anchor of a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
function headingSlug(heading: string): string {
    return heading.trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
}

/** The anchors a document offers: explicit `<a id="…">` and its headings' slugs. */
function anchorsOf(file: string): Set<string> {
    const text = readFileSync(file, "utf8");
    const explicit = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
    const headings = [...text.matchAll(/^#+ (.+)$/gm)].map((m) => headingSlug(m[1]));
    return new Set([...explicit, ...headings]);
}

/** Problems with one citation (a path from the repository root, maybe with an anchor); empty when it resolves. */
function brokenCitation(citation: string): string[] {
    const [file, anchor] = citation.split("#");
    const target = path.join(repoRoot, file);
    if (!existsSync(target)) {
        return [`${citation}: no such document`];
    }
    return anchor !== undefined && !anchorsOf(target).has(anchor) ? [`${citation}: no such anchor`] : [];
}

/** Relative links between documents, as citations from the repository root. */
function documentLinks(docFile: string): string[] {
    const text = readFileSync(docFile, "utf8");
    return [...text.matchAll(/\]\(([\w./-]+\.md)(#[\w-]+)?\)/g)].map((m) => {
        const target = path.relative(repoRoot, path.resolve(path.dirname(docFile), m[1]));
        return `${target}${m[2] ?? ""}`;
    });
}

describe("docs: citations of the repository's own documents", () => {
    const sources = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(repoRoot, dir)));
    const documents = readdirSync(path.join(repoRoot, "docs"), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".md"))
        .map((f) => path.join(repoRoot, "docs", f))
        .concat(path.join(repoRoot, "README.md"));

    it("finds the sources and documents it checks", () => {
        expect(sources.length).to.be.greaterThan(100);
        expect(documents.map((f) => path.relative(repoRoot, f))).to.include.members(["README.md", "docs/README.md", "docs/okta/users.md"]);
    });

    it("every docs/…#anchor cited in the code exists", () => {
        const problems = sources.flatMap((file) =>
            (readFileSync(file, "utf8").match(CITATION) ?? []).flatMap((c) => brokenCitation(c).map((p) => `${path.relative(repoRoot, file)}: ${p}`)),
        );
        expect(problems).to.deep.equal([]);
    });

    it("every link between documents exists", () => {
        const problems = documents.flatMap((file) =>
            documentLinks(file).flatMap((c) => brokenCitation(c).map((p) => `${path.relative(repoRoot, file)}: ${p}`)),
        );
        expect(problems).to.deep.equal([]);
    });

    it("no comment cites a document outside the repository", () => {
        const outside = sources.flatMap((file) =>
            readFileSync(file, "utf8")
                .split("\n")
                .filter((line) => /\bnotes \u00a7|notes\/okta-api\.md/.test(line))
                .map((line) => `${path.relative(repoRoot, file)}: ${line.trim()}`),
        );
        expect(outside).to.deep.equal([]);
    });
});
