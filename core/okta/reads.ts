/** Every read of the product (its "Get ..." and "List ..." actions), over the one Okta client. */
export * from "./listing";
export * from "./users";
export * from "./groups";
export * from "./apps";
export * from "./event-hooks";
export * from "./logs";
export * from "./policies";
export * from "./realms";
