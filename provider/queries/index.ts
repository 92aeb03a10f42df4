/** Every read of the product (its "Get ..." and "List ..." actions), over the one Okta client. */
export * from "./listing";
export * from "./users";
export * from "./groups";
export * from "./applications";
export * from "./event-hooks";
export * from "./system-log";
export * from "./policies";
export * from "./realms";
