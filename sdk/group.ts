import * as pulumi from "@pulumi/pulumi";
import groupProvider = require("./shims/group");

export interface GroupArgs {
    /** Name of the group; unique among the org's Okta groups (1 to 255 characters). */
    name: pulumi.Input<string>;
    /** Description of the group (at most 1,024 characters). */
    description?: pulumi.Input<string>;
}

/**
 * An Okta group of type `OKTA_GROUP`.
 *
 * ```ts
 * const engineering = new okta.Group("engineering", { name: "Engineering", description: "Everyone who builds" });
 * ```
 */
export class Group extends pulumi.dynamic.Resource {
    /** Name of the group. */
    declare readonly name: pulumi.Output<string>;
    /** Description of the group. */
    declare readonly description: pulumi.Output<string | undefined>;
    /** Group type as Okta reports it: `OKTA_GROUP`, `APP_GROUP` or `BUILT_IN`. */
    declare readonly type: pulumi.Output<string>;
    /** When the group was created (ISO-8601). */
    declare readonly created: pulumi.Output<string>;
    /** When the group's profile last changed (ISO-8601). */
    declare readonly lastUpdated: pulumi.Output<string>;
    /** When the group's membership last changed (ISO-8601). */
    declare readonly lastMembershipUpdated: pulumi.Output<string>;

    constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
        const props = {
            name: args.name,
            description: args.description,
            type: undefined,
            created: undefined,
            lastUpdated: undefined,
            lastMembershipUpdated: undefined,
        };
        super(groupProvider, name, props, opts, "okta", "Group");
    }
}
