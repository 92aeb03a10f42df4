import { expect } from "chai";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { allPages, expectOktaError, nextLink } from "../support/okta-assertions";

/** `GET /api/v1/users` with Okta's own semantics for each of filter, search and q (docs/okta/filters.md#users). */
describe("emulator: listing users", () => {
    let org: TestOrg;
    const people = [
        { login: "john.entwhistle@thewho.example", firstName: "John", lastName: "Entwhistle", status: "ACTIVE", department: "Bass" },
        { login: "john.jones@zeppelin.example", firstName: "John", lastName: "Jones", status: "PROVISIONED", department: "Bass" },
        { login: "rick.astley@rickroll.example", firstName: "Rick", lastName: "Astley", status: "STAGED", department: "Vocals" },
        { login: "jane.doe@unknown.example", firstName: "Jane", lastName: "Doe", status: "DEPROVISIONED", department: "Drums" },
        { login: "amy.lee@evanescence.example", firstName: "Amy", lastName: "Lee", status: "SUSPENDED", department: "vocals" },
    ];

    before(async () => {
        org = await startTestOrg({
            seed: {
                // Only the people below: the listings are compared whole.
                superAdmin: false,
                userSchema: { customAttributes: { instruments: { type: "array", items: "string" } } },
                users: people.map((p, i) => ({
                    login: p.login,
                    firstName: p.firstName,
                    lastName: p.lastName,
                    status: p.status as never,
                    password: "Xylophone42",
                    profile: { department: p.department, instruments: i % 2 === 0 ? ["bass", "keys"] : ["drums"] },
                })),
            },
        });
    });
    after(() => org.close());

    const logins = async (query: string) => {
        const res = await org.api("GET", `/api/v1/users${query}`);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body.map((u: any) => u.profile.login.split("@")[0]);
    };

    it("without a query omits DEPROVISIONED users and gives list items only a self link", async () => {
        const res = await org.api("GET", "/api/v1/users");
        expect(res.body.map((u: any) => u.profile.login.split("@")[0])).to.deep.equal(["john.entwhistle", "john.jones", "rick.astley", "amy.lee"]);
        expect(res.body[0]._links).to.deep.equal({ self: { href: `${org.url}/api/v1/users/${res.body[0].id}` } });
        expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/users?limit=200>; rel="self"`);
    });

    it("pages with limit and after until there is no next link", async () => {
        const pages = await allPages(org, "/api/v1/users?limit=2", (res) => {
            const next = nextLink(res);
            if (next) {
                expect(next).to.match(/\?after=00u\w{17}&limit=2$/);
            }
        });
        expect(pages.flatMap((res) => res.body.map((u: any) => u.profile.firstName))).to.deep.equal(["John", "John", "Rick", "Amy"]);
        expect(pages).to.have.length(2);
    });

    describe("filter", () => {
        it("matches eq case-sensitively and includes DEPROVISIONED users", async () => {
            expect(await logins('?filter=status eq "DEPROVISIONED"')).to.deep.equal(["jane.doe"]);
            expect(await logins('?filter=profile.firstName eq "John"')).to.deep.equal(["john.entwhistle", "john.jones"]);
            expect(await logins('?filter=profile.firstName eq "john"')).to.deep.equal([]);
            expect(await logins('?filter=status eq "STAGED" or status eq "SUSPENDED"')).to.deep.equal(["rick.astley", "amy.lee"]);
        });

        it("finds users by id eq joined with or (the batched reads' query), DEPROVISIONED included", async () => {
            const ids = (await org.api("GET", '/api/v1/users?filter=lastUpdated gt "2000-01-01T00:00:00.000Z"')).body.map((u: any) => u.id) as string[];
            const jane = (await org.api("GET", '/api/v1/users?filter=profile.login eq "jane.doe@unknown.example"')).body[0].id;
            const asked = [jane, ids[2], ids[0], "00uNoSuchUser0000000"];
            const filter = asked.map((id) => `id eq "${id}"`).join(" or ");
            const res = await org.api("GET", `/api/v1/users?filter=${encodeURIComponent(filter)}&limit=200`);
            expect(res.status).to.equal(200);
            expect(res.body.map((u: any) => u.id)).to.have.members([ids[0], ids[2], jane]).and.have.length(3);
            expect(res.body.find((u: any) => u.id === jane).status).to.equal("DEPROVISIONED");
            // Operators and keywords in any case; values and attribute names as written.
            expect(await logins(`?filter=${encodeURIComponent(`id EQ "${jane}" OR id eq "${ids[0]}"`)}`)).to.have.length(2);
            expect(await logins(`?filter=${encodeURIComponent(`id eq "${jane.toLowerCase()}"`)}`)).to.deep.equal([]);
            for (const refused of [`ID eq "${jane}"`, `id sw "00u"`, `id eq ${jane}`, `id eq "${jane}" or`, `id pr`]) {
                expectOktaError(await org.api("GET", `/api/v1/users?filter=${encodeURIComponent(refused)}`), 400, "E0000031");
            }
        });

        it("allows ranges only on lastUpdated", async () => {
            expect(await logins('?filter=lastUpdated gt "2000-01-01T00:00:00.000Z"')).to.have.length(5);
            expectOktaError(await org.api("GET", '/api/v1/users?filter=profile.firstName sw "J"'), 400, "E0000031");
            expectOktaError(await org.api("GET", '/api/v1/users?filter=profile.department eq "Bass"'), 400, "E0000031");
        });
    });

    describe("search", () => {
        it("matches values case-insensitively, any profile attribute, arrays by element, DEPROVISIONED included", async () => {
            expect(await logins('?search=profile.department eq "VOCALS"')).to.deep.equal(["rick.astley", "amy.lee"]);
            expect(await logins('?search=profile.instruments eq "drums"')).to.deep.equal(["john.jones", "jane.doe"]);
            expect(await logins('?search=status eq "DEPROVISIONED"')).to.deep.equal(["jane.doe"]);
            expect(await logins('?search=profile.email sw "JOHN"')).to.deep.equal(["john.entwhistle", "john.jones"]);
            expect(await logins('?search=profile.lastName co "ston"')).to.deep.equal([]);
            expect(await logins('?search=profile.lastName co "tley"')).to.deep.equal(["rick.astley"]);
            expect(await logins('?search=profile.email pr and profile.lastName eq "Jones"')).to.deep.equal(["john.jones"]);
        });

        it("has no ne (use lt/gt), allows co only on names, email and login", async () => {
            expectOktaError(await org.api("GET", '/api/v1/users?search=status ne "STAGED"'), 400, "E0000031");
            expectOktaError(await org.api("GET", '/api/v1/users?search=profile.department co "oc"'), 400, "E0000031");
            expect(await logins('?search=(status lt "STAGED" or status gt "STAGED") and profile.firstName eq "rick"')).to.deep.equal([]);
        });

        it("sorts by one property with sortBy/sortOrder, ties by id, and keeps them in its links", async () => {
            expect(await logins("?search=id pr&sortBy=profile.lastName")).to.deep.equal(["rick.astley", "jane.doe", "john.entwhistle", "john.jones", "amy.lee"]);
            expect(await logins("?search=id pr&sortBy=profile.lastName&sortOrder=desc")).to.deep.equal(["amy.lee", "john.jones", "john.entwhistle", "jane.doe", "rick.astley"]);
            const res = await org.api("GET", "/api/v1/users?search=id pr&sortBy=profile.firstName&limit=2");
            expect(res.body.map((u: any) => u.profile.firstName)).to.deep.equal(["Amy", "Jane"]);
            const next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")![1];
            expect(next).to.contain("sortBy=profile.firstName");
            const second = await org.api("GET", next);
            expect(second.body.map((u: any) => u.profile.firstName)).to.deep.equal(["John", "John"]);
            expectOktaError(await org.api("GET", "/api/v1/users?search=id pr&sortBy=profile.shoeSize"), 400, "E0000031");
        });

        it("ignores sortOrder without sortBy and leaves it out of the self link (recorded)", async () => {
            const res = await org.api("GET", '/api/v1/users?limit=200&search=profile.email sw "john"&sortOrder=0');
            expect(res.status).to.equal(200);
            expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/users?limit=200&search=profile.email+sw+%22john%22>; rel="self"`);
        });
    });

    describe("q", () => {
        it("matches the start of first name, last name or email, omits DEPROVISIONED users, and is not paged", async () => {
            expect(await logins("?q=jo")).to.deep.equal(["john.entwhistle", "john.jones"]);
            expect(await logins("?q=ja")).to.deep.equal([]);
            expect(await logins("?q=lee")).to.deep.equal(["amy.lee"]);
            const res = await org.api("GET", "/api/v1/users?q=j&limit=1");
            expect(res.body).to.have.length(1);
            expect(res.headers.get("link")).not.to.contain('rel="next"');
        });

        it("returns at most 10 by default", async () => {
            const big = await startTestOrg({
                seed: { superAdmin: false, users: Array.from({ length: 12 }, (_, i) => ({ login: `sam${i}@example.com`, firstName: "Sam" })) },
            });
            try {
                expect((await big.api("GET", "/api/v1/users?q=sam")).body).to.have.length(10);
                expect((await big.api("GET", "/api/v1/users")).body).to.have.length(12);
            } finally {
                await big.close();
            }
        });
    });

    it("refuses filter together with search or q (E0000033)", async () => {
        expectOktaError(await org.api("GET", '/api/v1/users?filter=status eq "ACTIVE"&search=id pr'), 400, "E0000033");
        expectOktaError(await org.api("GET", '/api/v1/users?filter=status eq "ACTIVE"&q=jo'), 400, "E0000033");
    });

    it("answers malformed expressions and paging with Okta's 400s", async () => {
        for (const query of ['?search=status eq ACTIVE', '?search=status eq "ACTIVE', "?filter=(status", '?search=not status eq "A"']) {
            expectOktaError(await org.api("GET", `/api/v1/users${query}`), 400, "E0000031");
        }
        expectOktaError(await org.api("GET", "/api/v1/users?limit=abc"), 400, "E0000029");
        expectOktaError(await org.api("GET", "/api/v1/users?limit=0"), 400, "E0000029");
        expectOktaError(await org.api("GET", "/api/v1/users?after=00unope"), 400, "E0000029");
    });
});
