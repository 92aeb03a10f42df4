import { expect } from "chai";
// The conversion Pulumi's dynamic-provider host applies to every answer (docs/pulumi-engine.md#unserialisable-responses).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PartialFailure } from "../../provider/resources/handler";
import { toEngineError, toWire, WireValueError } from "../../provider/wire";

describe("provider answers are storable by the engine", () => {
    it("drops undefined and functions at any depth, as JSON would, so Struct.fromJavaScript accepts them", () => {
        const props = {
            kept: "a",
            gone: undefined,
            nested: { gone: undefined, fn: () => 1, list: [1, undefined, { gone: undefined, n: Number.NaN }] },
            when: new Date("2026-01-02T03:04:05Z"),
            big: 10n,
        };
        expect(() => Struct.fromJavaScript(props as any)).to.throw();
        const wired = toWire(props);
        expect(wired).to.deep.equal({
            kept: "a",
            nested: { list: [1, null, { n: null }] },
            when: "2026-01-02T03:04:05.000Z",
            big: "10",
        });
        expect(Struct.fromJavaScript(wired as any).toJavaScript()).to.deep.equal(wired);
    });

    it("names the path of a value that refers to itself", () => {
        const loop: Record<string, unknown> = { a: {} };
        (loop.a as Record<string, unknown>).back = loop;
        expect(() => toWire(loop)).to.throw(WireValueError, "properties.a.back refers to itself");
    });

    it("a partial failure reaches the engine with storable properties, the shim and the object's id", () => {
        const shim = 'exports.handler = require("pulumi-okta-iac/shims/user")';
        const failure = new PartialFailure("suspend refused", "00u1", { login: "a@b.c", status: undefined, nested: { x: undefined } });
        const err = toEngineError(failure, { __provider: shim, connection: undefined }) as PartialFailure;
        expect(err).to.be.instanceOf(PartialFailure);
        expect(err.message).to.equal("suspend refused");
        expect(err.id).to.equal("00u1");
        expect(err.properties).to.deep.equal({ login: "a@b.c", nested: {}, __provider: shim });
        expect(() => Struct.fromJavaScript(err.properties as any)).not.to.throw();
    });

    it("a partial failure whose properties cannot be stored still records the id and the shim", () => {
        const loop: Record<string, unknown> = {};
        loop.self = loop;
        const err = toEngineError(new PartialFailure("step failed", "00u2", { loop }), { __provider: "shim" }) as PartialFailure;
        expect(err.id).to.equal("00u2");
        expect(err.properties).to.deep.equal({ __provider: "shim" });
        expect(err.message).to.match(/^step failed \(the provider built an answer Pulumi cannot store: properties.loop.self refers to itself\)$/);
        expect(err.reasons, "the engine prints the reasons, not the message").to.deep.equal([err.message]);
    });

    it("a partial failure's reasons, which the engine prints instead of its message, lead with the message", () => {
        const summary = "changing the members of group 00g1: 2 of 5 changes failed: add 00u1: HTTP 501";
        const err = toEngineError(new PartialFailure(summary, "00g1", {}, ["add 00u1: HTTP 501", "add 00u2: HTTP 501"])) as PartialFailure;
        expect(err.reasons).to.deep.equal([summary, "add 00u2: HTTP 501"]);
    });

    it("an error that is not a partial failure never carries an id to the engine", () => {
        const stray = Object.assign(new Error("socket hang up"), { id: "abc" });
        const err = toEngineError(stray);
        expect(err.message).to.equal("socket hang up");
        expect(err).not.to.have.property("id");
        expect(toEngineError("plain text").message).to.equal("plain text");
        const ordinary = new TypeError("kept");
        expect(toEngineError(ordinary)).to.equal(ordinary);
    });
});
