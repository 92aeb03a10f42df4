/** The product's imperative actions as a typed API: each takes the one Okta client and the product's inputs. */
export * from "./user-lifecycle";
export * from "./passwords";
export * from "./sessions";
export * from "./factors";
export * from "./event-hook-lifecycle";
export * from "./raw";
